import { defineWorkflow } from "../server/runtime";

/** Every five minutes, each org with a running sync reconciles: a lost webhook delays a change, never drops it. */
export default defineWorkflow({
  id: "reconcile-schedule",
  trigger: { cron: "*/5 * * * *" },
  retries: 2,
  handler: () => import("./reconcile-schedule.handler"),
});
