import type { Database } from "../db/client";
import type { HubSpotClient } from "../providers/hubspot/client";
import type { QuickBooksClient } from "../providers/quickbooks/client";

/** Everything a pipeline needs for one org: the database and both providers' API clients. */
export interface SyncContext {
  db: Database;
  orgId: string;
  hubspot: HubSpotClient;
  quickbooks: QuickBooksClient;
  /** The workflow run doing the work, for the activity log. */
  runId?: string;
}
