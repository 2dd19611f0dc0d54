import { describe, expect, it } from "vitest";
import type { Admission } from "./rate-window-store";
import { SharedRateLimiter } from "./shared-rate-limiter";

/** A store that answers from a script, one answer per `take`. */
function scriptedStore(answers: Array<Admission | Error>) {
  const store = {
    takes: 0,
    async take(): Promise<Admission> {
      store.takes++;
      const answer = answers.shift() ?? { admitted: true, atMs: 0 };
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return store;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("SharedRateLimiter", () => {
  it("asks the database once per admission, and after a refusal sleeps for as long as it was told", async () => {
    const store = scriptedStore([{ admitted: true, atMs: 0 }, { admitted: false, retryInMs: 700 }]);
    const sleeps: number[] = [];
    const limiter = new SharedRateLimiter("k", { limit: 1, intervalMs: 1_000 }, store, async (ms) => void sleeps.push(ms));
    await Promise.all([limiter.acquire(), limiter.acquire()]);
    expect(store.takes).toBe(3);
    expect(sleeps).toEqual([700]);
  });

  it("caps requests in flight in this process, before counting them in the window", async () => {
    const store = scriptedStore([]);
    const limiter = new SharedRateLimiter("k", { limit: 100, intervalMs: 1_000, concurrency: 2 }, store);
    const releases: Array<() => void> = [];
    for (let i = 0; i < 4; i++) void limiter.acquire().then((release) => releases.push(release));
    await settle();
    expect(releases).toHaveLength(2);
    expect(store.takes).toBe(2);
    releases[0]!();
    releases[0]!();
    await settle();
    expect(releases).toHaveLength(3);
  });

  it("fails the request when the database can't be asked, and gives its place back", async () => {
    const store = scriptedStore([new Error("connection refused")]);
    const limiter = new SharedRateLimiter("k", { limit: 100, intervalMs: 1_000, concurrency: 1 }, store);
    await expect(limiter.acquire()).rejects.toThrow("connection refused");
    const release = await limiter.acquire();
    release();
  });

  it("refuses keys it couldn't write into its statement", () => {
    expect(() => new SharedRateLimiter("k'; drop table x", { limit: 1, intervalMs: 1_000 }, scriptedStore([]))).toThrow(/characters/);
  });
});
