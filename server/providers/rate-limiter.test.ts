import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InProcessRateLimiter } from "./rate-limiter";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

async function settle() {
  await vi.advanceTimersByTimeAsync(0);
}

describe("InProcessRateLimiter", () => {
  it("never starts more than `limit` requests in any window", async () => {
    const limiter = new InProcessRateLimiter({ limit: 3, intervalMs: 300 });
    const started: number[] = [];
    for (let i = 0; i < 7; i++) void limiter.acquire().then((release) => (started.push(i), release()));
    await settle();
    expect(started).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(299);
    expect(started).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    await vi.advanceTimersByTimeAsync(300);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("counts a weighted request (a batch's items) as that many requests, all in one window", async () => {
    const limiter = new InProcessRateLimiter({ limit: 5, intervalMs: 300 });
    const started: string[] = [];
    void limiter.acquire(3).then((release) => (started.push("batch of 3"), release()));
    void limiter.acquire(3).then((release) => (started.push("second batch of 3"), release()));
    void limiter.acquire().then((release) => (started.push("single"), release()));
    await settle();
    // 3 + 3 would be 6 of 5: the second batch waits, and the single behind it keeps its turn.
    expect(started).toEqual(["batch of 3"]);
    await vi.advanceTimersByTimeAsync(300);
    expect(started).toEqual(["batch of 3", "second batch of 3", "single"]);
  });

  it("caps requests in flight, and a double release frees one slot only", async () => {
    const limiter = new InProcessRateLimiter({ limit: 100, intervalMs: 1000, concurrency: 2 });
    const releases: Array<() => void> = [];
    let started = 0;
    for (let i = 0; i < 4; i++) void limiter.acquire().then((release) => (started++, releases.push(release)));
    await settle();
    expect(started).toBe(2);
    releases[0]!();
    releases[0]!();
    await settle();
    expect(started).toBe(3);
  });
});
