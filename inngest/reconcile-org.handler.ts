import { NonRetriableError, type WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { findChanges, saveCursors } from "../server/sync/reconcile";
import { recordChanged, type reconcileRequested } from "./events";

const handler: WorkflowHandler<typeof reconcileRequested> = async ({ event, step }) => {
  const { orgId } = event.data;
  const found = await step.run("find-changes", async () => {
    try {
      return await findChanges(db(), orgId);
    } catch (error) {
      if (error instanceof Error && error.name === "ConnectionExpiredError") throw new NonRetriableError(error.message);
      throw error;
    }
  });
  if (found.changes.length > 0) {
    await step.sendEvent(
      "sync-changed-records",
      found.changes.map(({ version, ...change }) =>
        recordChanged.create(change, { id: `reconcile:${change.side}:${change.object}:${change.recordId}:${version}` }),
      ),
    );
  }
  await step.run("save-cursors", () => saveCursors(db(), orgId, found.cursors));
  return { changes: found.changes.length };
};

export default handler;
