import type { WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { orgsToReconcile } from "../server/sync/reconcile";
import { quickbooksPollRequested, reconcileRequested } from "./events";

const handler: WorkflowHandler<"cron"> = async ({ event, step }) => {
  const orgIds = await step.run("find-orgs", () => orgsToReconcile(db()));
  if (orgIds.length === 0) return { orgs: 0 };
  await step.sendEvent(
    "reconcile-each-org",
    orgIds.map((orgId) => reconcileRequested.create({ orgId }, { id: `reconcile:${orgId}:${event.ts ?? ""}` })),
  );
  // Restarts an org's QuickBooks poll chain if it died; a live chain makes this one stop at once.
  await step.sendEvent(
    "keep-polling",
    orgIds.map((orgId) => quickbooksPollRequested.create({ orgId, chain: `cron:${event.ts ?? ""}` }, { id: `poll-start:${orgId}:${event.ts ?? ""}` })),
  );
  return { orgs: orgIds.length };
};

export default handler;
