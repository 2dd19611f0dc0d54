import { defineWorkflow } from "../server/runtime";
import { childrenRequested } from "./events";

export default defineWorkflow({
  id: "sync-children",
  trigger: { event: childrenRequested },
  concurrency: { key: "event.data.orgId + ':' + event.data.object", limit: 1 },
  retries: 5,
  handler: () => import("./sync-children.handler"),
});
