import type { WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { findChanges, saveCursors } from "../server/sync/reconcile";
import { recordChanged, type reconcileRequested } from "./events";
import { failFastOnPermanentErrors } from "./permanent-errors";

const handler: WorkflowHandler<typeof reconcileRequested> = async ({ event, step }) => {
  const { orgId } = event.data;
  const found = await step.run("find-changes", () => failFastOnPermanentErrors(() => findChanges(db(), orgId)));
  if (found.changes.length > 0) {
    await step.sendEvent(
      "sync-changed-records",
      found.changes.map((change) =>
        recordChanged.create(change, { id: `reconcile:${orgId}:${change.side}:${change.object}:${change.recordId}:${change.version ?? ""}` }),
      ),
    );
  }
  await step.run("save-cursors", () => saveCursors(db(), orgId, found.cursors));
  return { changes: found.changes.length };
};

export default handler;
