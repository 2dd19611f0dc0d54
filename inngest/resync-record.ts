import { defineWorkflow } from "../server/runtime";
import { recordResyncRequested } from "./events";

/**
 * One record re-applied on request. Not debounced, so no notification can stand in for the
 * request; runs for one record never overlap, and the engine serializes them with `sync-record`'s
 * runs through the record's link.
 */
export default defineWorkflow({
  id: "resync-record",
  trigger: { event: recordResyncRequested },
  concurrency: { key: "event.data.orgId + ':' + event.data.object + ':' + event.data.side + ':' + event.data.recordId", limit: 1 },
  throttle: { key: "event.data.orgId", limit: 40, period: "10s" },
  retries: 5,
  handler: () => import("./resync-record.handler"),
});
