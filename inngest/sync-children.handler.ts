import type { WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { waitingChildren } from "../server/sync/sync-record";
import { recordChanged, type childrenRequested } from "./events";
import { failFastOnPermanentErrors } from "./permanent-errors";

/** Each waiting child syncs as a change of its own, so one failing doesn't hold the others. */
const handler: WorkflowHandler<typeof childrenRequested> = async ({ event, step }) => {
  const { orgId, object } = event.data;
  const children = await step.run("find", () => failFastOnPermanentErrors(() => waitingChildren(db(), orgId, object)));
  if (children.length > 0) await step.sendEvent("sync-children", children.map((change) => recordChanged.create(change)));
  return { children: children.length };
};

export default handler;
