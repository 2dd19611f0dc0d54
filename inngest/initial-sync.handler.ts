import type { WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { beginInitialSync, syncInitialPage } from "../server/sync/engine/initial-sync";
import { finishInitialSync } from "../server/sync/engine/initial-sync-run";
import { childSpecsOf } from "../server/sync/objects/registry";
import { resumeParkedChanges } from "../server/sync/parked-changes";
import { retryRecordsWaitingFor } from "../server/sync/objects/waiting-for-products";
import { childrenRequested, recordChanged, type initialSyncRequested } from "./events";
import { failFastOnPermanentErrors } from "./permanent-errors";

/**
 * A chain of page steps (read a page, write it, store the cursor as the step's result): each step
 * fits in a serverless request, and a crash resumes at the last page instead of from zero.
 */
const handler: WorkflowHandler<typeof initialSyncRequested> = async ({ event, step, runId }) => {
  const { orgId, object } = event.data;
  const sides = await step.run("begin", () => failFastOnPermanentErrors(() => beginInitialSync(db(), orgId, object, runId)));
  const retryLater: Array<{ side: "hubspot" | "quickbooks"; id: string }> = [];
  try {
    for (const side of sides) {
      let cursor: string | null = null;
      for (let page = 0; ; page++) {
        const result = await step.run(`${side}-page-${page}`, () => failFastOnPermanentErrors(() => syncInitialPage(db(), orgId, object, side, cursor, runId)));
        retryLater.push(...result.retryLater.map((id) => ({ side, id })));
        cursor = result.next;
        if (!cursor) break;
      }
    }
  } finally {
    await step.run("finish", () => finishInitialSync(db(), orgId, object, runId));
    // The changes parked while it ran go on now, but those it synced itself at the version noticed or later.
    await step.run("resume-parked", () => resumeParkedChanges(db(), orgId));
  }
  if (retryLater.length > 0) {
    await step.sendEvent(
      "retry-later",
      retryLater.map(({ side, id }) => recordChanged.create({ orgId, object, side, recordId: id })),
    );
  }
  await step.run("retry-waiting", () => retryRecordsWaitingFor(db(), orgId, object));
  // The records hanging off the ones just linked (their invoices' payments) sync next.
  if (childSpecsOf(object).length > 0) await step.sendEvent("sync-children", [childrenRequested.create({ orgId, object })]);
  return { retried: retryLater.length };
};

export default handler;
