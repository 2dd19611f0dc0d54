import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { connections, webhookInbox, type SyncObject } from "../db/schema";
import { loadObjectEnv } from "./engine/object-env";
import type { SyncOutcome } from "./engine/outcome";
import { syncOne } from "./engine/sync-one";
import type { Side } from "./links";
import { loadSyncConfig } from "./config";
import { specFor } from "./objects/registry";

export interface RecordChange {
  orgId: string;
  object: SyncObject;
  side: Side;
  recordId: string;
  force?: boolean;
}

/** Every notification about the record that arrived before this run read it is now dealt with. */
async function markNotificationsProcessed(db: Database, change: RecordChange, readAt: Date): Promise<void> {
  await db
    .update(webhookInbox)
    .set({ processedAt: sql`now()` })
    .where(
      and(
        isNull(webhookInbox.processedAt),
        eq(webhookInbox.provider, change.side),
        eq(webhookInbox.object, change.object),
        eq(webhookInbox.recordId, change.recordId),
        lte(webhookInbox.receivedAt, readAt),
        inArray(webhookInbox.connectionId, db.select({ id: connections.id }).from(connections).where(eq(connections.orgId, change.orgId))),
      ),
    );
}

/**
 * Syncs one changed record, always reading its current state from the provider (notifications
 * are only hints: they may be duplicated, reordered or stale). "busy" means an initial sync of the
 * object is running: the caller waits and tries again, the change is never dropped.
 */
export async function syncRecord(db: Database, change: RecordChange, runId?: string): Promise<SyncOutcome> {
  const startedAt = new Date();
  const config = await loadSyncConfig(db, change.orgId, change.object);
  if (!specFor(change.object)) return { status: "skipped", reason: `${change.object} don't sync yet` };
  const result: SyncOutcome = config.enabled
    ? await syncOne(await loadObjectEnv(db, change.orgId, change.object, { runId }), change.side, change.recordId, { force: change.force })
    : { status: "skipped", reason: `The ${change.object} sync is off` };
  if (result.status !== "busy") await markNotificationsProcessed(db, change, startedAt);
  return result;
}
