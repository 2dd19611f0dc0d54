import type { Provider, SyncObject } from "../db/schema";

/** A provider's change notification, reduced to what Tandem acts on. */
export interface ChangeNotification {
  provider: Provider;
  /** Unique per notification (the inbox deduplicates on it). */
  eventId: string;
  /** HubSpot portal id or QuickBooks realm id. */
  accountId: string;
  /** The synced object it concerns, or null for objects Tandem doesn't sync (yet). */
  object: SyncObject | null;
  recordId: string;
  operation: string;
  /** A write made by this Tandem app (HubSpot tells us): dropped, it is our own echo. */
  ownWrite: boolean;
  payload: unknown;
}
