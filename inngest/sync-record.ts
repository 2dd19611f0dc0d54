import { defineWorkflow } from "../server/runtime";
import { recordChanged } from "./events";

/**
 * One record, one side. Runs for one org and object are serialized so a change arriving from
 * each side at once is settled as a conflict, not raced; a burst of notifications for the same
 * record (HubSpot sends one per property) collapses into one run.
 */
export default defineWorkflow({
  id: "sync-record",
  trigger: { event: recordChanged },
  concurrency: { key: "event.data.orgId + ':' + event.data.object", limit: 1 },
  debounce: { key: "event.data.orgId + ':' + event.data.side + ':' + event.data.object + ':' + event.data.recordId", period: "1s", timeout: "10s" },
  retries: 5,
  handler: () => import("./sync-record.handler"),
});
