import type { WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { syncRecord } from "../server/sync/sync-record";
import type { recordChanged } from "./events";
import { failFastOnPermanentErrors } from "./permanent-errors";

const handler: WorkflowHandler<typeof recordChanged> = async ({ event, step, runId }) =>
  step.run("sync", () => failFastOnPermanentErrors(() => syncRecord(db(), event.data, runId)));

export default handler;
