import type { WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { orgsToReconcile } from "../server/sync/reconcile";
import { reconcileRequested } from "./events";

const handler: WorkflowHandler<"cron"> = async ({ event, step }) => {
  const orgIds = await step.run("find-orgs", () => orgsToReconcile(db()));
  if (orgIds.length === 0) return { orgs: 0 };
  await step.sendEvent(
    "reconcile-each-org",
    orgIds.map((orgId) => reconcileRequested.create({ orgId }, { id: `reconcile:${orgId}:${event.ts ?? ""}` })),
  );
  return { orgs: orgIds.length };
};

export default handler;
