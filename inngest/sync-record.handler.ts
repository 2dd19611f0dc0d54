import type { WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { syncRecord, type RecordChange } from "../server/sync/sync-record";
import type { recordChanged, recordResyncRequested } from "./events";
import { failFastOnPermanentErrors } from "./permanent-errors";

/**
 * How long a change waits before its next look at a running initial sync (it waits as long as that
 * takes): 3 s, doubling up to 15 s, so a change waiting out a long initial sync adds a step every
 * 15 s rather than every 3 s.
 */
const busyWait = (attempt: number) => `${Math.min(3 * 2 ** attempt, 15)}s` as const;

/** The handler of a workflow that syncs one record, re-applying it even if unchanged when `force`. */
export function syncRecordHandler(force: boolean): WorkflowHandler<typeof recordChanged | typeof recordResyncRequested> {
  return async ({ event, step, runId }) => {
    const change: RecordChange = { ...event.data, force };
    for (let attempt = 0; ; attempt++) {
      const result = await step.run(`sync-${attempt}`, () => failFastOnPermanentErrors(() => syncRecord(db(), change, runId)));
      if (result.status !== "busy") return result;
      await step.sleep(`wait-for-initial-sync-${attempt}`, busyWait(attempt));
    }
  };
}

export default syncRecordHandler(false);
