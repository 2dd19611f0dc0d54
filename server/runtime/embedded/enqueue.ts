import { sql } from "drizzle-orm";
import type { RuntimeEvent } from "../definition";
import { WAKEUP_CHANNEL, type SqlRunner } from "./database";
import { events } from "./schema";

/**
 * Writes events to the runtime's outbox. Inside a caller's transaction they (and the runs they
 * start) commit or roll back with it; workers are woken when it commits.
 */
export async function enqueueEvents(runner: SqlRunner, batch: RuntimeEvent[], now: number): Promise<void> {
  if (batch.length === 0) return;
  await runner
    .insert(events)
    .values(batch.map((e) => ({ externalId: e.id ?? null, name: e.name, data: e.data, ts: e.ts ?? now })))
    .onConflictDoNothing({ target: events.externalId });
  await runner.execute(sql`select pg_notify(${WAKEUP_CHANNEL}, 'events')`);
}
