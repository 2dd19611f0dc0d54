import { defineWorkflow } from "../server/runtime";
import { initialSyncRequested } from "./events";

export default defineWorkflow({
  id: "initial-sync",
  trigger: { event: initialSyncRequested },
  concurrency: { key: "event.data.orgId + ':' + event.data.object", limit: 1 },
  retries: 5,
  handler: () => import("./initial-sync.handler"),
});
