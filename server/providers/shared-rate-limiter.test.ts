import { describe, expect, it } from "vitest";
import type { Admission } from "./provider-limit-store";
import { PLACE_RECHECK_MS, SharedRateLimiter } from "./shared-rate-limiter";

const LEASE = "00000000-0000-4000-8000-000000000001";

/** A store that answers from a script, one answer per `take`, and records the places given back. */
function scriptedStore(answers: Array<Admission | Error>, giveBack: () => Promise<void> = async () => {}) {
  const store = {
    takes: 0,
    givenBack: [] as string[],
    async take(): Promise<Admission> {
      store.takes++;
      const answer = answers.shift() ?? { admitted: true, atMs: 0, leaseId: LEASE };
      if (answer instanceof Error) throw answer;
      return answer;
    },
    async giveBack(_key: string, leaseId: string) {
      store.givenBack.push(leaseId);
      await giveBack();
    },
  };
  return store;
}

/** Place releases that are never heard: a waiter for a place wakes on its timeout, at once here. */
function silentReleases() {
  const releases = {
    waits: [] as number[],
    heard: () => 0,
    async next(_key: string, _seen: number, timeoutMs: number) {
      releases.waits.push(timeoutMs);
    },
  };
  return releases;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("SharedRateLimiter", () => {
  it("asks the database once per admission, and after a refusal sleeps for as long as it was told", async () => {
    const store = scriptedStore([{ admitted: true, atMs: 0, leaseId: null }, { admitted: false, waitFor: "window", retryInMs: 700 }]);
    const sleeps: number[] = [];
    const limiter = new SharedRateLimiter("k", { limit: 1, intervalMs: 1_000 }, store, silentReleases(), async (ms) => void sleeps.push(ms));
    await Promise.all([limiter.acquire(), limiter.acquire()]);
    expect(store.takes).toBe(3);
    expect(sleeps).toEqual([700]);
  });

  it("waits for a place to be given back when every place is taken, not for the window", async () => {
    const store = scriptedStore([{ admitted: false, waitFor: "place" }]);
    const releases = silentReleases();
    const sleeps: number[] = [];
    const limiter = new SharedRateLimiter("k", { limit: 100, intervalMs: 1_000, concurrency: 2 }, store, releases, async (ms) => void sleeps.push(ms));
    await limiter.acquire();
    expect(store.takes).toBe(2);
    expect(releases.waits).toEqual([PLACE_RECHECK_MS]);
    expect(sleeps).toEqual([]);
  });

  it("caps requests in flight in this process, before asking the database", async () => {
    const store = scriptedStore([]);
    const limiter = new SharedRateLimiter("k", { limit: 100, intervalMs: 1_000, concurrency: 2 }, store, silentReleases());
    const releases: Array<() => void> = [];
    for (let i = 0; i < 4; i++) void limiter.acquire().then((release) => releases.push(release));
    await settle();
    expect(releases).toHaveLength(2);
    expect(store.takes).toBe(2);
    releases[0]!();
    releases[0]!();
    await settle();
    expect(releases).toHaveLength(3);
    expect(store.givenBack).toEqual([LEASE]);
  });

  it("frees this process's place only once the lease is given back, or has failed to be", async () => {
    let finishGiveBack: (failure?: Error) => void = () => {};
    const giveBack = () => new Promise<void>((resolve, reject) => (finishGiveBack = (failure) => (failure ? reject(failure) : resolve())));
    const store = scriptedStore([], giveBack);
    const limiter = new SharedRateLimiter("k", { limit: 100, intervalMs: 1_000, concurrency: 1 }, store, silentReleases());
    const first = await limiter.acquire();
    let second: (() => void) | undefined;
    void limiter.acquire().then((release) => (second = release));
    first();
    await settle();
    expect(second).toBeUndefined();
    finishGiveBack();
    await settle();
    expect(second).toBeDefined();

    let third: (() => void) | undefined;
    void limiter.acquire().then((release) => (third = release));
    second!();
    // The database is unreachable: the lease stays until it expires, but this process goes on.
    finishGiveBack(new Error("connection refused"));
    await settle();
    expect(third).toBeDefined();
    expect(store.takes).toBe(3);
  });

  it("fails the request when the database can't be asked, and gives its place back", async () => {
    const store = scriptedStore([new Error("connection refused")]);
    const limiter = new SharedRateLimiter("k", { limit: 100, intervalMs: 1_000, concurrency: 1 }, store, silentReleases());
    await expect(limiter.acquire()).rejects.toThrow("connection refused");
    const release = await limiter.acquire();
    release();
  });

  it("refuses keys it couldn't write into its statement, and caps that aren't whole numbers", () => {
    expect(() => new SharedRateLimiter("k'; drop table x", { limit: 1, intervalMs: 1_000 }, scriptedStore([]), silentReleases())).toThrow(/characters/);
    expect(() => new SharedRateLimiter("k", { limit: 1, intervalMs: 1_000, concurrency: 1.5 }, scriptedStore([]), silentReleases())).toThrow(/Concurrency cap/);
  });
});
