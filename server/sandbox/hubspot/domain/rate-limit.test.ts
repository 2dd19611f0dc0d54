import { describe, expect, it } from "vitest";
import { DailyCounter, RollingWindowLimiter } from "./rate-limit";

describe("RollingWindowLimiter", () => {
  it("allows max hits per window and frees them as the window rolls", () => {
    let now = 0;
    const limiter = new RollingWindowLimiter(() => now);
    expect(limiter.take("a", 2, 1000)).toMatchObject({ allowed: true, remaining: 1 });
    now = 500;
    expect(limiter.take("a", 2, 1000)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.take("a", 2, 1000).allowed).toBe(false);
    expect(limiter.take("b", 2, 1000).allowed).toBe(true);
    now = 1000;
    expect(limiter.take("a", 2, 1000)).toMatchObject({ allowed: true, remaining: 0 });
    limiter.reset();
    expect(limiter.take("a", 2, 1000)).toMatchObject({ allowed: true, remaining: 1 });
  });
});

describe("DailyCounter", () => {
  it("counts per key and starts over on a new UTC day", () => {
    let now = Date.parse("2026-01-01T23:59:00Z");
    const counter = new DailyCounter(() => now);
    expect(counter.increment("a")).toBe(1);
    expect(counter.increment("a")).toBe(2);
    expect(counter.increment("b")).toBe(1);
    now = Date.parse("2026-01-02T00:00:01Z");
    expect(counter.increment("a")).toBe(1);
  });
});
