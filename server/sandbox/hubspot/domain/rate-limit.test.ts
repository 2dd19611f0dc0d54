import { describe, expect, it } from "vitest";
import { RollingWindowLimiter } from "./rate-limit";

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
  });
});
