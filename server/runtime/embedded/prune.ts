import { and, eq, isNotNull, lt } from "drizzle-orm";
import type { RuntimeDatabase } from "./execute";
import { cronSlots, events, runs } from "./schema";

/**
 * Deletes history older than `before`: completed runs (with their steps), fanned-out events and
 * cron slots. Failed runs stay until someone looks at them. An event id is remembered for
 * idempotent sends as long as its event row is kept.
 */
export async function pruneHistory(db: RuntimeDatabase, before: Date): Promise<void> {
  await db.delete(runs).where(and(eq(runs.status, "completed"), lt(runs.finishedAt, before)));
  await db.delete(events).where(and(isNotNull(events.fannedOutAt), lt(events.fannedOutAt, before)));
  await db.delete(cronSlots).where(lt(cronSlots.slotAt, before));
}
