import { NonRetriableError, type WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { createSyncContext } from "../server/sync/org-context";
import { initialContactSync } from "../server/sync/pipelines/contacts";
import { initialProductSync } from "../server/sync/pipelines/products";
import type { initialSyncRequested } from "./events";

const handler: WorkflowHandler<typeof initialSyncRequested> = async ({ event, step, runId }) =>
  step.run("link-and-create", async () => {
    const { orgId, object } = event.data;
    try {
      const ctx = await createSyncContext(db(), orgId, {}, runId);
      if (object === "contacts") return await initialContactSync(ctx);
      if (object === "products") return await initialProductSync(ctx);
      throw new NonRetriableError(`The initial ${object} sync is not available yet`);
    } catch (error) {
      if (error instanceof Error && error.name === "ConnectionExpiredError") throw new NonRetriableError(error.message);
      throw error;
    }
  });

export default handler;
