import { defineWorkflow } from "../server/runtime";
import { reconcileRequested } from "./events";

export default defineWorkflow({
  id: "reconcile-org",
  trigger: { event: reconcileRequested },
  concurrency: { key: "'reconcile:' + event.data.orgId", limit: 1 },
  retries: 3,
  handler: () => import("./reconcile-org.handler"),
});
