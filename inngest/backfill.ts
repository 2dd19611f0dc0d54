import { defineWorkflow } from "../server/runtime";
import { backfillRequested } from "./events";

export default defineWorkflow({
  id: "backfill",
  trigger: { event: backfillRequested },
  // One backfill per org at a time: they share the org's provider limits with the live sync.
  concurrency: { key: "event.data.orgId", limit: 1 },
  retries: 5,
  handler: () => import("./backfill.handler"),
});
