import type { Sql } from "postgres";
import { retryDelayMs, type Slotting } from "./rate-window";

/** `atMs`: when the request was admitted, by the database's clock (the one the limit holds in). */
export type Admission = { admitted: true; atMs: number } | { admitted: false; retryInMs: number };

/** Rows are kept this long; no limit may count back further (see `assertCountable`). */
const RETENTION_MS = 10 * 60_000;
const PRUNE_EVERY_MS = 60_000;

/** Keys are written into the statement (see `take`), so only these characters are accepted. */
const SAFE_KEY = /^[A-Za-z0-9_.:-]+$/;

export function assertCountable(key: string, limit: number, slots: Slotting): void {
  if (!SAFE_KEY.test(key)) throw new Error(`Rate limit key ${JSON.stringify(key)} has characters outside ${SAFE_KEY}`);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`Rate limit ${limit} is not a positive integer`);
  if ((slots.lookback + 1) * slots.slotMs > RETENTION_MS) throw new Error(`Rate limit interval of ${key} is longer than rate rows are kept`);
}

/**
 * Request counts of every process per key and slot, in `provider_rate_windows`
 * (server/db/schema/sync.ts). `take` admits one request or says how long to wait, in one round
 * trip: a multi-statement simple query that takes a transaction-scoped advisory lock on the key
 * and then, in a statement whose snapshot is taken after the lock, sums the counted slots and
 * bumps the current one if the sum is under the limit. The lock serializes the decisions of one
 * key across processes, so each sees every earlier admission (under READ COMMITTED, Postgres's
 * default and the app's: a stricter level would read with the snapshot from before the lock); the
 * slot comes from the database's clock, so processes whose clocks disagree still count alike.
 */
export class RateWindowStore {
  private lastPrunedAt = 0;

  constructor(
    private readonly sql: Sql,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts `weight` requests in the window (all or none) if they fit under `limit`. */
  async take(key: string, limit: number, slots: Slotting, weight = 1): Promise<Admission> {
    assertCountable(key, limit, slots);
    if (!Number.isInteger(weight) || weight < 1) throw new Error(`A request's weight must be a whole number ≥ 1, not ${weight}`);
    // The simple protocol (the only one that runs several statements in one message) takes no
    // parameters: the key is checked against SAFE_KEY and the numbers are integers.
    const literal = `'${key}'`;
    const statements = [
      `select pg_advisory_xact_lock(hashtextextended('provider-rate:' || ${literal}, 0))`,
      `with clock as (
         select floor(extract(epoch from clock_timestamp()) * 1000)::bigint as now_ms
       ), slot as (
         select now_ms, now_ms - now_ms % ${slots.slotMs} as start_ms from clock
       ), counted as (
         select coalesce(sum(requests), 0) as total, floor(extract(epoch from min(window_start)) * 1000)::bigint as oldest_ms
         from provider_rate_windows, slot
         where key = ${literal} and window_start >= to_timestamp((start_ms - ${slots.lookback * slots.slotMs}) / 1000.0)
       ), taken as (
         insert into provider_rate_windows as w (key, window_start, requests)
         select ${literal}, to_timestamp(start_ms / 1000.0), ${weight} from slot, counted where total + ${weight} <= ${limit}
         on conflict (key, window_start) do update set requests = w.requests + ${weight}
         returning 1
       )
       select exists (select from taken) as admitted, now_ms::text, oldest_ms::text from slot, counted`,
    ];
    // Piggybacks on an admission now and then instead of costing a round trip of its own.
    if (this.now() - this.lastPrunedAt >= PRUNE_EVERY_MS) {
      this.lastPrunedAt = this.now();
      statements.push(`delete from provider_rate_windows where window_start < clock_timestamp() - interval '${RETENTION_MS} milliseconds'`);
    }
    const results = (await this.sql.unsafe(statements.join(";\n")).simple()) as unknown as Array<Array<Record<string, unknown>>>;
    const row = results[1]![0] as { admitted: boolean; now_ms: string; oldest_ms: string | null };
    if (row.admitted) return { admitted: true, atMs: Number(row.now_ms) };
    return { admitted: false, retryInMs: retryDelayMs(Number(row.oldest_ms), Number(row.now_ms), slots) };
  }
}
