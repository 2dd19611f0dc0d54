import { sql } from "drizzle-orm";
import type { Queryable } from "../db/client";

/** Windows are kept this long after they end, then pruned (by whichever call comes along). */
const KEEP_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;
let lastPrunedAt = 0;

/**
 * A fixed-window counter per key in `request_windows`, shared by every process serving the API:
 * at most `limit` calls per key in each `windowMs`-long window (windows start at multiples of
 * `windowMs` by the database's clock). One statement counts the call and answers the total, so
 * calls at once from several processes are all counted.
 */
export class WindowCounter {
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {
    if (!Number.isSafeInteger(windowMs) || windowMs < 1) throw new Error(`A window of ${windowMs} ms is not a positive whole number`);
  }

  /** Counts a call for `key`; returns the seconds to wait when it is over the limit, else null. */
  async take(db: Queryable, key: string): Promise<number | null> {
    const rows = await db.execute<{ calls: number; left_ms: string }>(sql`
      with clock as (select floor(extract(epoch from clock_timestamp()) * 1000)::bigint as now_ms)
      insert into request_windows as w (key, window_start, calls)
      select ${key}, to_timestamp((now_ms - now_ms % ${this.windowMs}) / 1000.0), 1 from clock
      on conflict (key, window_start) do update set calls = w.calls + 1
      returning calls, (select ${this.windowMs} - now_ms % ${this.windowMs} from clock)::text as left_ms`);
    if (Date.now() - lastPrunedAt >= PRUNE_EVERY_MS) {
      lastPrunedAt = Date.now();
      await db.execute(sql`delete from request_windows where window_start < clock_timestamp() - make_interval(secs => ${KEEP_MS / 1000})`);
    }
    const row = rows[0]!;
    return row.calls > this.limit ? Math.max(1, Math.ceil(Number(row.left_ms) / 1000)) : null;
  }
}
