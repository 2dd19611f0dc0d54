import type { Sql } from "postgres";
import { retryDelayMs, type Slotting } from "./rate-window";

/**
 * Admitted: `atMs` is when, by the database's clock (the one the limit holds in); `leaseId` is the
 * request's place among those in flight, when the limit caps them. Refused: it waits for the
 * window (`retryInMs`) or for a place to be given back.
 */
export type Admission =
  | { admitted: true; atMs: number; leaseId: string | null }
  | { admitted: false; waitFor: "window"; retryInMs: number }
  | { admitted: false; waitFor: "place" };

/**
 * How long a place stays taken when nobody gives it back (its process died). A request holds its
 * place from admission until its answer arrives, at most the request timeout (30 s,
 * DEFAULT_RETRY_POLICY in retrying-fetch.ts): a lease twice that long never ends under a live
 * request, and a dead process's places come back within a minute.
 */
export const PLACE_LEASE_MS = 60_000;

/** A give-back that frees a place of a full key NOTIFYs here, with the key as the payload. */
export const PLACE_FREED_CHANNEL = "provider_place_freed";

/** Rows are kept this long; no limit may count back further (see `assertCountable`). */
const RETENTION_MS = 10 * 60_000;
const PRUNE_EVERY_MS = 60_000;

/** Keys and lease ids are written into the statements (see `take`), so only these are accepted. */
const SAFE_KEY = /^[A-Za-z0-9_.:-]+$/;
const LEASE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function assertPositiveInteger(what: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${what} ${value} is not a positive integer`);
}

function assertSafeKey(key: string): void {
  if (!SAFE_KEY.test(key)) throw new Error(`Rate limit key ${JSON.stringify(key)} has characters outside ${SAFE_KEY}`);
}

export function assertCountable(key: string, limit: number, slots: Slotting, concurrency?: number): void {
  assertSafeKey(key);
  assertPositiveInteger("Rate limit", limit);
  if (concurrency !== undefined) assertPositiveInteger("Concurrency cap", concurrency);
  if ((slots.lookback + 1) * slots.slotMs > RETENTION_MS) throw new Error(`Rate limit interval of ${key} is longer than rate rows are kept`);
}

/** Serializes every decision on one key across processes, until the statement's transaction ends. */
const lockStatement = (literal: string) => `select pg_advisory_xact_lock(hashtextextended('provider-rate:' || ${literal}, 0))`;

/**
 * The shared state of provider limits, per key: request counts per slot of the rolling window in
 * `provider_rate_windows`, and the requests in flight, a lease each, in
 * `provider_concurrency_leases` (server/db/schema/sync.ts).
 *
 * `take` admits one request or says what it waits for, in one round trip: a multi-statement simple
 * query that takes a transaction-scoped advisory lock on the key and then, in a statement whose
 * snapshot is taken after the lock, counts the window's slots and the unexpired leases and, if
 * both have room, bumps the current slot and inserts a lease. The lock serializes the decisions of
 * one key across processes, so each sees every earlier admission and give-back (under READ
 * COMMITTED, Postgres's default and the app's: a stricter level would read with the snapshot from
 * before the lock); times come from the database's clock, so processes whose clocks disagree still
 * count alike. Window and place are decided together so that no request holds a place while it
 * waits for the window: a lease starts with its request, so it can expire soon after a request
 * would have timed out. `giveBack` deletes a lease, in one round trip as well.
 */
export class ProviderLimitStore {
  private lastPrunedAt = 0;

  constructor(
    private readonly sql: Sql,
    private readonly options: { placeLeaseMs?: number; now?: () => number } = {},
  ) {
    if (options.placeLeaseMs !== undefined) assertPositiveInteger("Place lease (ms)", options.placeLeaseMs);
  }

  /**
   * Counts `weight` requests in the window (all or none) if they fit under `limit` and, with a
   * `concurrency`, takes one of that many places, only together.
   */
  async take(key: string, limit: number, slots: Slotting, weight = 1, concurrency?: number): Promise<Admission> {
    assertCountable(key, limit, slots, concurrency);
    if (!Number.isInteger(weight) || weight < 1) throw new Error(`A request's weight must be a whole number ≥ 1, not ${weight}`);
    // The simple protocol (the only one that runs several statements in one message) takes no
    // parameters: the key is checked against SAFE_KEY and the numbers are integers.
    const literal = `'${key}'`;
    const leaseMs = this.options.placeLeaseMs ?? PLACE_LEASE_MS;
    const places =
      concurrency === undefined
        ? `places as (select true as free)`
        : `places as (
             select count(*) < ${concurrency} as free
             from provider_concurrency_leases, clock
             where key = ${literal} and expires_at > now_at
           )`;
    const leased =
      concurrency === undefined
        ? `leased as (select null::uuid as lease_id where false)`
        : `leased as (
             insert into provider_concurrency_leases (key, expires_at)
             select ${literal}, now_at + interval '${leaseMs} milliseconds' from clock, fits where window_fits and place_free
             returning lease_id
           )`;
    const statements = [
      lockStatement(literal),
      `with clock as (
         select now_at, floor(extract(epoch from now_at) * 1000)::bigint as now_ms from (select clock_timestamp() as now_at) reading
       ), slot as (
         select now_ms, now_ms - now_ms % ${slots.slotMs} as start_ms from clock
       ), counted as (
         select coalesce(sum(requests), 0) as total, floor(extract(epoch from min(window_start)) * 1000)::bigint as oldest_ms
         from provider_rate_windows, slot
         where key = ${literal} and window_start >= to_timestamp((start_ms - ${slots.lookback * slots.slotMs}) / 1000.0)
       ), ${places}, fits as (
         select total + ${weight} <= ${limit} as window_fits, free as place_free from counted, places
       ), taken as (
         insert into provider_rate_windows as w (key, window_start, requests)
         select ${literal}, to_timestamp(start_ms / 1000.0), ${weight} from slot, fits where window_fits and place_free
         on conflict (key, window_start) do update set requests = w.requests + ${weight}
         returning 1
       ), ${leased}
       select exists (select from taken) as admitted, (select lease_id::text from leased) as lease_id, window_fits,
         now_ms::text, oldest_ms::text
       from slot, counted, fits`,
    ];
    // Piggybacks on an admission now and then instead of costing a round trip of its own.
    const now = this.options.now ?? Date.now;
    if (now() - this.lastPrunedAt >= PRUNE_EVERY_MS) {
      this.lastPrunedAt = now();
      statements.push(`delete from provider_rate_windows where window_start < clock_timestamp() - interval '${RETENTION_MS} milliseconds'`);
      statements.push(`delete from provider_concurrency_leases where expires_at < clock_timestamp()`);
    }
    const results = (await this.sql.unsafe(statements.join(";\n")).simple()) as unknown as Array<Array<Record<string, unknown>>>;
    const row = results[1]![0] as { admitted: boolean; lease_id: string | null; window_fits: boolean; now_ms: string; oldest_ms: string | null };
    if (row.admitted) return { admitted: true, atMs: Number(row.now_ms), leaseId: row.lease_id };
    if (!row.window_fits) return { admitted: false, waitFor: "window", retryInMs: retryDelayMs(Number(row.oldest_ms), Number(row.now_ms), slots) };
    return { admitted: false, waitFor: "place" };
  }

  /**
   * Gives a place back. When the key was full, NOTIFYs the processes waiting for one. Only then
   * can anybody be waiting: a place is refused only while every one is taken, and under the lock
   * the first give-back after a refusal still sees them all taken (unless a lease expired in
   * between, which the waiter's own recheck finds). And only then is the notification worth its
   * cost: Postgres serializes the commits of notifying transactions.
   */
  async giveBack(key: string, leaseId: string, concurrency: number): Promise<void> {
    assertSafeKey(key);
    if (!LEASE_ID.test(leaseId)) throw new Error(`${JSON.stringify(leaseId)} is not a lease id`);
    assertPositiveInteger("Concurrency cap", concurrency);
    const literal = `'${key}'`;
    // The count reads the snapshot from before the delete, so it includes the place given back.
    const statements = [
      lockStatement(literal),
      `with held as (
         select count(*) as places from provider_concurrency_leases where key = ${literal} and expires_at > clock_timestamp()
       ), gone as (
         delete from provider_concurrency_leases where lease_id = '${leaseId}' and key = ${literal}
       )
       select pg_notify('${PLACE_FREED_CHANNEL}', ${literal}) from held where places >= ${concurrency}`,
    ];
    await this.sql.unsafe(statements.join(";\n")).simple();
  }
}
