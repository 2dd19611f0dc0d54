import { asc, inArray, isNull } from "drizzle-orm";
import type { AnyWorkflow } from "../definition";
import type { RuntimeDatabase } from "./execute";
import { events } from "./schema";
import { startRun } from "./start-run";

/**
 * Moves a batch of sent events into runs of the workflows they trigger, in one transaction, so an
 * event is fanned out exactly once even with several workers. Returns how many events it took.
 */
export async function fanOutEvents(
  db: RuntimeDatabase,
  workflowsByEvent: ReadonlyMap<string, readonly AnyWorkflow[]>,
  now: number,
  batchSize = 100,
): Promise<number> {
  return db.transaction(async (tx) => {
    const pending = await tx
      .select()
      .from(events)
      .where(isNull(events.fannedOutAt))
      .orderBy(asc(events.receivedAt), asc(events.ts))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    for (const event of pending) {
      for (const workflow of workflowsByEvent.get(event.name) ?? []) {
        await startRun(tx as unknown as RuntimeDatabase, workflow, { eventId: event.id, name: event.name, data: event.data, externalId: event.externalId, ts: event.ts }, now);
      }
    }
    if (pending.length > 0) {
      await tx.update(events).set({ fannedOutAt: new Date(now) }).where(inArray(events.id, pending.map((e) => e.id)));
    }
    return pending.length;
  });
}
