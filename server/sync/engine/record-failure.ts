import type { Database } from "../../db/client";
import { toSyncError } from "../../providers/sync-errors";
import { markFailed, recordActivity, type RecordLink, type Side } from "../links";
import type { SyncOutcome } from "./outcome";

/**
 * Stores a failure on the record with its catalogue code. Retryable failures (rate limits, outages,
 * stale objects) are rethrown so the workflow retries; the record shows the error meanwhile.
 */
export async function recordFailure(db: Database, link: RecordLink, target: Side, error: unknown, runId?: string): Promise<SyncOutcome> {
  const syncError = toSyncError(error);
  if (!syncError) throw error;
  await markFailed(db, link, syncError.code, syncError.detail);
  await recordActivity(db, link, { target, action: "failed", errorCode: syncError.code, message: syncError.detail, runId });
  if (syncError.retryable) throw syncError;
  return { status: "failed", linkId: link.id, code: syncError.code };
}
