import { defineWorkflow } from "../server/runtime";
import { quickbooksPollRequested } from "./events";

/**
 * A chain of runs per org: poll QuickBooks CDC, sleep the interval, send the next poll. A sync
 * switched on (and the reconciliation cron) starts a chain; a second chain sees the first alive
 * and ends, and the chain ends once no sync is on.
 */
export default defineWorkflow({
  id: "poll-quickbooks",
  trigger: { event: quickbooksPollRequested },
  concurrency: { key: "'poll:' + event.data.orgId", limit: 1 },
  retries: 2,
  handler: () => import("./poll-quickbooks.handler"),
});
