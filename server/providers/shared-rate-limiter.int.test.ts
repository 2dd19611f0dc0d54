import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { slotting } from "./rate-window";
import { RateWindowStore, type Admission } from "./rate-window-store";
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
 * not others.
 */
class RecordingStore extends RateWindowStore {
  readonly starts: number[] = [];

  override async take(...args: Parameters<RateWindowStore["take"]>): Promise<Admission> {
    const admission = await super.take(...args);
    if (admission.admitted) this.starts.push(admission.atMs);
    return admission;
  }
}

/** What one process would have: its own connections (counting the queries sent) and limiter. */
function simulatedProcess(key: string, rate: { limit: number; intervalMs: number; concurrency: number }) {
  const counter = { queries: 0 };
  const sql = postgres(testDb.url, { max: 2, onnotice: () => {}, debug: () => void counter.queries++ });
  const store = new RecordingStore(sql);
  return { limiter: new SharedRateLimiter(key, rate, store), store, counter, close: () => sql.end({ timeout: 5 }) };
}

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

    // One round trip per admission, plus one per wake-up of a process whose window was full.
    const queries = processes.reduce((sum, p) => sum + p.counter.queries, 0);
    expect(queries).toBeLessThan(2 * starts.length);
  });
  it("counts a weighted take as that many requests, and refuses it whole when it doesn't fit", async () => {
    const sql = postgres(testDb.url, { max: 1, onnotice: () => {} });
    const store = new RateWindowStore(sql);
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
});
