import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { syncConfigs, type SyncObject } from "../../db/schema";
import { runStatus } from "../../runtime";
import { loadSyncConfig } from "../config";

export async function finishInitialSync(db: Database, orgId: string, object: SyncObject, runId: string): Promise<void> {
  await db
    .update(syncConfigs)
    .set({
      initialSyncRunId: null,
      initialSyncProgress: sql`coalesce(${syncConfigs.initialSyncProgress}, '{}'::jsonb) || jsonb_build_object('finishedAt', now())`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(syncConfigs.orgId, orgId), eq(syncConfigs.object, object), eq(syncConfigs.initialSyncRunId, runId)));
}

const EMBEDDED_RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether the object's initial sync is running. A run that ended without its last step (the
 * embedded runtime fails a run whose worker died once too often without running it again) leaves
 * its id behind; that sync is over, and its id is cleared here so the object's changes don't wait
 * for it forever. Another executor's runs can't be looked up here: they count as running.
 */
export async function initialSyncRunning(db: Database, orgId: string, object: SyncObject): Promise<boolean> {
  const runId = (await loadSyncConfig(db, orgId, object)).initialSyncRunId;
  if (!runId) return false;
  if (!EMBEDDED_RUN_ID.test(runId)) return true;
  const status = await runStatus(db, runId);
  if (status !== "completed" && status !== "failed") return true;
  await finishInitialSync(db, orgId, object, runId);
  return false;
}
