import type { WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { parkDuringInitialSyncs, resumeParkedChanges } from "../server/sync/parked-changes";
import { findChanges, saveCursors } from "../server/sync/reconcile";
import { recordChanged, type reconcileRequested } from "./events";
import { failFastOnPermanentErrors } from "./permanent-errors";

const handler: WorkflowHandler<typeof reconcileRequested> = async ({ event, step }) => {
  const { orgId } = event.data;
  // Changes parked by an initial sync whose run ended without its last step go on from here.
  await step.run("resume-parked", () => resumeParkedChanges(db(), orgId));
  const found = await step.run("find-changes", () => failFastOnPermanentErrors(() => findChanges(db(), orgId)));
  if (found.changes.length > 0) {
    // Those of an object whose initial sync runs wait for it in a table, not as runs.
    const toSync = await step.run("park-during-initial-syncs", () => parkDuringInitialSyncs(db(), orgId, found.changes));
    if (toSync.length > 0) {
      await step.sendEvent(
        "sync-changed-records",
        toSync.map((change) =>
          recordChanged.create(change, { id: `reconcile:${orgId}:${change.side}:${change.object}:${change.recordId}:${change.version ?? ""}` }),
        ),
      );
    }
  }
  await step.run("save-cursors", () => saveCursors(db(), orgId, found.cursors));
  return { changes: found.changes.length };
};

export default handler;
