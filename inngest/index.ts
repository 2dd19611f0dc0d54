/**
 * Every workflow the app runs, under either executor. Add a workflow with one line: its
 * declaration file's default export (the handler sits next to it in `<name>.handler.ts`).
 */
import type { AnyWorkflow } from "../server/runtime";
import backfill from "./backfill";
import initialSync from "./initial-sync";
import pollQuickBooks from "./poll-quickbooks";
import reconcileOrg from "./reconcile-org";
import reconcileSchedule from "./reconcile-schedule";
import resyncRecord from "./resync-record";
import syncChildren from "./sync-children";
import syncRecord from "./sync-record";

export const workflows: readonly AnyWorkflow[] = [syncRecord, resyncRecord, initialSync, reconcileOrg, reconcileSchedule, pollQuickBooks, backfill, syncChildren];
