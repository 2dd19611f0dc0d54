import type { WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { syncRecord } from "../server/sync/sync-record";
import type { recordChanged } from "./events";
import { failFastOnPermanentErrors } from "./permanent-errors";

/** How long a change waits between looks at a running initial sync (it waits as long as that takes). */
const BUSY_WAIT = "3s";

const handler: WorkflowHandler<typeof recordChanged> = async ({ event, step, runId }) => {
  for (let attempt = 0; ; attempt++) {
    const result = await step.run(`sync-${attempt}`, () => failFastOnPermanentErrors(() => syncRecord(db(), event.data, runId)));
    if (result.status !== "busy") return result;
    await step.sleep(`wait-for-initial-sync-${attempt}`, BUSY_WAIT);
  }
};

export default handler;
