import { NonRetriableError, type WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { createSyncContext } from "../server/sync/org-context";
import { initialContactSync } from "../server/sync/pipelines/contacts";
import { initialProductSync } from "../server/sync/pipelines/products";
import type { initialSyncRequested } from "./events";
import { failFastOnPermanentErrors } from "./permanent-errors";

const handler: WorkflowHandler<typeof initialSyncRequested> = async ({ event, step, runId }) =>
  step.run("link-and-create", () =>
    failFastOnPermanentErrors(async () => {
      const { orgId, object } = event.data;
      const ctx = await createSyncContext(db(), orgId, {}, runId);
      if (object === "contacts") return initialContactSync(ctx);
      if (object === "products") return initialProductSync(ctx);
      throw new NonRetriableError(`The initial ${object} sync is not available yet`);
    }),
  );

export default handler;
