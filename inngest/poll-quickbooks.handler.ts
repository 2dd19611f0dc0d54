import type { WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { env } from "../server/env";
import { parkDuringInitialSyncs } from "../server/sync/parked-changes";
import { pollQuickBooks } from "../server/sync/poll";
import { quickbooksPollRequested, recordChanged } from "./events";
import { failFastOnPermanentErrors } from "./permanent-errors";

const handler: WorkflowHandler<typeof quickbooksPollRequested> = async ({ event, step, runId }) => {
  const { orgId, chain } = event.data;
  const seconds = env().QUICKBOOKS_POLL_SECONDS;
  const polled = await step.run("poll", () => failFastOnPermanentErrors(() => pollQuickBooks(db(), orgId, chain, seconds * 1000)));
  if (polled.changes.length > 0) {
    // Those of an object whose initial sync runs wait for it in a table, not as runs.
    const toSync = await step.run("park-during-initial-syncs", () => parkDuringInitialSyncs(db(), orgId, polled.changes));
    if (toSync.length > 0) {
      await step.sendEvent(
        "sync-changed-records",
        toSync.map((change) => recordChanged.create(change, { id: `poll:${orgId}:${change.object}:${change.recordId}:${change.version ?? ""}` })),
      );
    }
  }
  if (!polled.keepPolling) return { changes: polled.changes.length, stopped: true };
  await step.sleep("interval", `${seconds}s`);
  await step.sendEvent("next-poll", quickbooksPollRequested.create({ orgId, chain }, { id: `poll:${chain}:${runId}` }));
  return { changes: polled.changes.length };
};

export default handler;
