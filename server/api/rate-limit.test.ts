import { describe, expect, it } from "vitest";
import { WindowCounter } from "./rate-limit";

describe("WindowCounter", () => {
  it("allows the limit per key and window, then says how long to wait", () => {
    const counter = new WindowCounter(2, 60_000);
    expect(counter.take("a", 0)).toBeNull();
    expect(counter.take("a", 1_000)).toBeNull();
    expect(counter.take("a", 1_500)).toBe(59);
    expect(counter.take("b", 1_500)).toBeNull();
    expect(counter.take("a", 60_000)).toBeNull();
  });
});
