import { defineWorkflow } from "../server/runtime";
import { recordChanged } from "./events";

/**
 * One record, one side. Runs for one record never overlap; different records of an org run in
 * parallel (the engine serializes a record's two sides through its link). A burst of
 * notifications for the same record (HubSpot sends one per property) collapses into one run.
 */
export default defineWorkflow({
  id: "sync-record",
  trigger: { event: recordChanged },
  concurrency: { key: "event.data.orgId + ':' + event.data.object + ':' + event.data.side + ':' + event.data.recordId", limit: 1 },
  // A burst (an import, a reconciliation fan-out) waits in the queue instead of in the provider limiter.
  throttle: { key: "event.data.orgId", limit: 40, period: "10s" },
  debounce: { key: "event.data.orgId + ':' + event.data.side + ':' + event.data.object + ':' + event.data.recordId", period: "1s", timeout: "10s" },
  retries: 5,
  handler: () => import("./sync-record.handler"),
});
