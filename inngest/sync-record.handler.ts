import type { WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { syncRecord, type RecordChange } from "../server/sync/sync-record";
import type { recordChanged, recordResyncRequested } from "./events";
import { failFastOnPermanentErrors } from "./permanent-errors";

/**
 * The handler of a workflow that syncs one record, re-applying it even if unchanged when `force`.
 * A change that meets its object's initial sync is parked and resumed as a run of its own after it.
 */
export function syncRecordHandler(force: boolean): WorkflowHandler<typeof recordChanged | typeof recordResyncRequested> {
  return async ({ event, step, runId }) => {
    const change: RecordChange = { ...event.data, force };
    return step.run("sync", () => failFastOnPermanentErrors(() => syncRecord(db(), change, runId)));
  };
}

export default syncRecordHandler(false);
