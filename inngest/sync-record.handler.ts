import { NonRetriableError, type WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { syncRecord } from "../server/sync/sync-record";
import type { recordChanged } from "./events";

const handler: WorkflowHandler<typeof recordChanged> = async ({ event, step, runId }) =>
  step.run("sync", async () => {
    try {
      return await syncRecord(db(), event.data, runId);
    } catch (error) {
      if (error instanceof Error && error.name === "ConnectionExpiredError") throw new NonRetriableError(error.message);
      throw error;
    }
  });

export default handler;
