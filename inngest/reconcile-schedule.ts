import { defineWorkflow } from "../server/runtime";
import { reconcileCron, reconcileIntervalMinutes } from "../server/sync/reconcile-interval";

/** Every five minutes (RECONCILE_INTERVAL_MINUTES), each org with a running sync reconciles: a lost webhook delays a change, never drops it. */
export default defineWorkflow({
  id: "reconcile-schedule",
  trigger: { cron: reconcileCron(reconcileIntervalMinutes()) },
  retries: 2,
  handler: () => import("./reconcile-schedule.handler"),
});
