import { describe, expect, it } from "vitest";
import { MAX_CONCURRENT, RateLimiter, type Admission } from "./rate-limit";

function release(admission: Admission): void {
  if (admission.admitted) admission.release();
}

describe("RateLimiter", () => {
  it("admits 500 calls per window, counting batch items, and frees the window as it slides", () => {
    let clock = 0;
    const limiter = new RateLimiter(() => clock);
    for (let i = 0; i < 16; i++) release(limiter.admit("r", { timeScale: 1, calls: 30, batch: true }));
    expect(limiter.admit("r", { timeScale: 1, calls: 30 }).admitted).toBe(false);
    const twenty = limiter.admit("r", { timeScale: 1, calls: 20 });
    expect(twenty.admitted).toBe(true);
    release(twenty);
    expect(limiter.admit("r", { timeScale: 1 }).admitted).toBe(false);
    expect(limiter.admit("other", { timeScale: 1 }).admitted).toBe(true);
    clock = 60_001;
    expect(limiter.admit("r", { timeScale: 1 }).admitted).toBe(true);
  });

  it("divides the window by the time scale", () => {
    let clock = 0;
    const limiter = new RateLimiter(() => clock);
    for (let i = 0; i < 500; i++) release(limiter.admit("r", { timeScale: 60 }));
    expect(limiter.admit("r", { timeScale: 60 }).admitted).toBe(false);
    clock = 1001;
    expect(limiter.admit("r", { timeScale: 60 }).admitted).toBe(true);
  });

  it("allows 120 batches per window", () => {
    const limiter = new RateLimiter(() => 0);
    for (let i = 0; i < 120; i++) {
      release(limiter.admit("r", { timeScale: 1, calls: 1, batch: true }));
    }
    expect(limiter.admit("r", { timeScale: 1, calls: 1, batch: true }).admitted).toBe(false);
    expect(limiter.admit("r", { timeScale: 1 }).admitted).toBe(true);
  });

  it("refuses an eleventh concurrent request until one is released", () => {
    const limiter = new RateLimiter(() => 0);
    const held = Array.from({ length: MAX_CONCURRENT }, () => limiter.admit("r", { timeScale: 1 }));
    expect(limiter.admit("r", { timeScale: 1 }).admitted).toBe(false);
    release(held[0]!);
    expect(limiter.admit("r", { timeScale: 1 }).admitted).toBe(true);
  });
});
