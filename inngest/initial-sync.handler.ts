import { NonRetriableError, type WorkflowHandler } from "../server/runtime";
import { db } from "../server/db/client";
import { withObjectLock } from "../server/sync/object-lock";
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
      const initialSync = object === "contacts" ? initialContactSync : object === "products" ? initialProductSync : undefined;
      if (!initialSync) throw new NonRetriableError(`The initial ${object} sync is not available yet`);
      return withObjectLock(db(), orgId, object, "wait", () => initialSync(ctx));
    }),
  );

export default handler;
