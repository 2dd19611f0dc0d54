import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../runtime/testing/probe";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { PlaceReleases } from "./place-releases";
import { PLACE_FREED_CHANNEL, ProviderLimitStore, type Admission } from "./provider-limit-store";
import type { RateLimit } from "./rate-limiter";
import { slotting } from "./rate-window";
import { SharedRateLimiter } from "./shared-rate-limiter";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

/** The most request starts inside any window of `intervalMs`. */
function busiestInterval(starts: number[], intervalMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= intervalMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/**
 * Start times as the limit counts them: the database's clock at admission. The test process's own
 * clock would add its scheduling delays (a few tens of ms on a busy machine) to some starts and
 * not others. Also what each take came to, in order, and a hook on the next one.
 */
class RecordingStore extends ProviderLimitStore {
  readonly starts: number[] = [];
  readonly outcomes: Array<"admitted" | "window" | "place"> = [];
  onTake: () => void = () => {};

  override async take(...args: Parameters<ProviderLimitStore["take"]>): Promise<Admission> {
    const admission = await super.take(...args);
    if (admission.admitted) this.starts.push(admission.atMs);
    this.outcomes.push(admission.admitted ? "admitted" : admission.waitFor);
    this.onTake();
    return admission;
  }

  /** Resolves after the next take has its answer. */
  nextTake(): Promise<void> {
    return new Promise((resolve) => (this.onTake = resolve));
  }
}

/**
 * What one process would have: its own connections and limiter, counting the limiter's queries (not
 * the driver's own, such as its type lookup on connecting).
 */
function simulatedProcess(key: string, rate: RateLimit, options: { placeLeaseMs?: number } = {}) {
  const counter = { queries: 0 };
  const debug = (_connection: number, query: string) => void (query.includes("provider-rate:") && counter.queries++);
  const sql = postgres(testDb.url, { max: 2, onnotice: () => {}, debug });
  const store = new RecordingStore(sql, options);
  const limiter = new SharedRateLimiter(key, rate, store, new PlaceReleases(sql));
  return { limiter, store, counter, close: () => sql.end({ timeout: 5 }) };
}

async function leasesOf(key: string): Promise<number> {
  const [row] = await testDb.db.$client<{ leases: number }[]>`select count(*)::int as leases from provider_concurrency_leases where key = ${key}`;
  return row!.leases;
}

/** A place is given back after its release returns: wait for that before a process ends. */
const allGivenBack = (key: string) => eventually(async () => (await leasesOf(key)) === 0);

describe("SharedRateLimiter", () => {
  it("holds the limit across processes, and two processes together still reach it", async () => {
    const rate = { limit: 20, intervalMs: 2_000, concurrency: 10 };
    const processes = [simulatedProcess("test:shared", rate), simulatedProcess("test:shared", rate)];
    const perProcess = 40;
    let done = 0;
    try {
      await Promise.all(
        processes.flatMap(({ limiter }) =>
          Array.from({ length: perProcess }, async () => {
            const release = await limiter.acquire();
            done++;
            // A provider request takes a while; the concurrency cap sees it in flight.
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
            release();
          }),
        ),
      );
    } finally {
      await Promise.all(processes.map((p) => p.close()));
    }

    const starts = processes.flatMap((p) => p.store.starts);
    expect(done).toBe(2 * perProcess);
    expect(starts).toHaveLength(2 * perProcess);
    expect(busiestInterval(starts, rate.intervalMs)).toBeLessThanOrEqual(rate.limit);
    // The limit is reached, not undershot or serialized, and both processes got their share.
    expect(busiestInterval(starts, rate.intervalMs)).toBe(rate.limit);
    for (const p of processes) expect(p.store.starts.length).toBeGreaterThan(0);

    // The database's own count, slot by slot: every admission counted once, and no run of
    // counted slots (lookback + 1 of them) above the limit.
    const rows = await testDb.db.$client<{ start: string; requests: number }[]>`
      select (extract(epoch from window_start) * 1000)::bigint::text as start, requests
      from provider_rate_windows where key = 'test:shared'`;
    expect(rows.reduce((sum, row) => sum + row.requests, 0)).toBe(2 * perProcess);
    const slots = slotting(rate.intervalMs);
    const bySlot = rows.map((row) => ({ start: Number(row.start), requests: row.requests }));
    for (const { start } of bySlot) {
      const counted = bySlot.filter((other) => other.start <= start && other.start >= start - slots.lookback * slots.slotMs);
      expect(counted.reduce((sum, other) => sum + other.requests, 0)).toBeLessThanOrEqual(rate.limit);
    }

    // Two round trips per request (a take, a give-back), plus one per wake-up of a process whose
    // window was full or whose places were all taken.
    const queries = processes.reduce((sum, p) => sum + p.counter.queries, 0);
    expect(queries).toBeLessThan(3 * starts.length);
  });
  it("counts a weighted take as that many requests, and refuses it whole when it doesn't fit", async () => {
    const sql = postgres(testDb.url, { max: 1, onnotice: () => {} });
    const store = new ProviderLimitStore(sql);
    const slots = slotting(60_000);
    try {
      expect((await store.take("test:weighted", 50, slots, 30)).admitted).toBe(true);
      expect((await store.take("test:weighted", 50, slots, 30)).admitted).toBe(false);
      expect((await store.take("test:weighted", 50, slots, 20)).admitted).toBe(true);
      expect((await store.take("test:weighted", 50, slots)).admitted).toBe(false);
      const [row] = await sql<{ total: number }[]>`select sum(requests)::int as total from provider_rate_windows where key = 'test:weighted'`;
      expect(row!.total).toBe(50);
      await expect(store.take("test:weighted", 50, slots, 0)).rejects.toThrow(/whole number/);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });

  it("notifies the waiting processes when a place of a full key is given back, and only then", async () => {
    const sql = postgres(testDb.url, { max: 1, onnotice: () => {} });
    const store = new ProviderLimitStore(sql);
    const slots = slotting(60_000);
    const heard: string[] = [];
    const leaseOf = (admission: Admission) => (admission.admitted ? admission.leaseId! : "refused");
    try {
      await sql.listen(PLACE_FREED_CHANNEL, (key) => heard.push(key));
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => store.take("test:notify", 100, slots, 1, 3)));
      expect((await store.take("test:notify", 100, slots, 1, 3)).admitted).toBe(false);
      await store.giveBack("test:notify", leaseOf(a!), 3);
      await store.giveBack("test:notify", leaseOf(b!), 3);
      const d = await store.take("test:notify", 100, slots, 1, 3);
      const e = await store.take("test:notify", 100, slots, 1, 3);
      await store.giveBack("test:notify", leaseOf(c!), 3);
      // Notifications arrive in commit order: once the last one is here, any other would be too.
      await eventually(async () => heard.length >= 2);
      expect(heard).toEqual(["test:notify", "test:notify"]);
      await store.giveBack("test:notify", leaseOf(d), 3);
      await store.giveBack("test:notify", leaseOf(e), 3);
      expect(await leasesOf("test:notify")).toBe(0);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });

  it("holds the concurrency cap across processes, while each process alone reaches it", async () => {
    const key = "test:places";
    const rate = { limit: 1_000, intervalMs: 60_000, concurrency: 3 };
    const processes = [simulatedProcess(key, rate), simulatedProcess(key, rate), simulatedProcess(key, rate)] as const;
    const [a, b, c] = processes;
    const perProcess = 12;
    const inFlight = { now: 0, most: 0 };
    try {
      // Alone, each process has every place in flight at once.
      for (const { limiter } of processes) {
        const releases = await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
        for (const release of releases) release();
      }

      // Together, they never have more in flight than the cap.
      await Promise.all(
        processes.flatMap(({ limiter }) =>
          Array.from({ length: perProcess }, async () => {
            const release = await limiter.acquire();
            inFlight.most = Math.max(inFlight.most, ++inFlight.now);
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
            inFlight.now--;
            release();
          }),
        ),
      );
      expect(inFlight.most).toBeLessThanOrEqual(rate.concurrency);

      // Two processes hold every place: the third is refused until one is given back.
      const held = [await a.limiter.acquire(), await a.limiter.acquire(), await b.limiter.acquire()];
      const firstTake = c.store.nextTake();
      const third = c.limiter.acquire();
      await firstTake;
      expect(c.store.outcomes.at(-1)).toBe("place");
      held[0]!();
      (await third)();
      expect(c.store.outcomes.at(-1)).toBe("admitted");
      for (const release of held.slice(1)) release();
      await allGivenBack(key);
    } finally {
      await Promise.all(processes.map((p) => p.close()));
    }
  });

  it("asks the database twice per request: once to take a place, once to give it back", async () => {
    const p = simulatedProcess("test:round-trips", { limit: 100, intervalMs: 60_000, concurrency: 3 });
    const requests = 5;
    try {
      for (let i = 0; i < requests; i++) (await p.limiter.acquire())();
      await allGivenBack("test:round-trips");
    } finally {
      await p.close();
    }
    expect(p.counter.queries).toBe(2 * requests);
  });

  it("gives a crashed process's places back once their leases expire", async () => {
    const key = "test:crashed";
    const rate = { limit: 100, intervalMs: 60_000, concurrency: 3 };
    const crashed = simulatedProcess(key, rate, { placeLeaseMs: 5_000 });
    // Taken and never given back: the process dies with its requests in flight.
    await Promise.all([crashed.limiter.acquire(), crashed.limiter.acquire(), crashed.limiter.acquire()]);
    await crashed.close();
    expect(await leasesOf(key)).toBe(3);

    const survivor = simulatedProcess(key, rate);
    try {
      const release = await survivor.limiter.acquire();
      expect(survivor.store.outcomes[0]).toBe("place");
      expect(survivor.store.outcomes.at(-1)).toBe("admitted");
      release();
    } finally {
      await survivor.close();
    }
  });
});
