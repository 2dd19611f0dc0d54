import { ProviderError } from "./provider-error";
import { SyncError } from "../sync/errors";

/** Two links claiming one provider record: the database's unique index on record_links refused it. */
function isRecordLinkClash(error: unknown): boolean {
  const cause = error instanceof Error && error.cause ? error.cause : error;
  return (
    typeof cause === "object" &&
    cause !== null &&
    "code" in cause &&
    cause.code === "23505" &&
    "constraint_name" in cause &&
    String(cause.constraint_name).startsWith("record_links_")
  );
}

/** Maps a provider's refusal to the catalogue; anything unknown stays a plain error (a bug, retried). */
export function toSyncError(error: unknown): SyncError | undefined {
  if (error instanceof SyncError) return error;
  if (error instanceof Error && error.name === "ConnectionExpiredError") return new SyncError("CONNECTION_EXPIRED", error.message);
  if (isRecordLinkClash(error)) return new SyncError("DUPLICATE_MATCH", "The matching record on the other side is already synced with another record.");
  if (!(error instanceof ProviderError)) return undefined;
  if (error.status === 429) return new SyncError("RATE_LIMITED", error.message);
  if (error.status >= 500) return new SyncError("PROVIDER_UNAVAILABLE", error.message);
  if (error.status === 401 || error.status === 403) return new SyncError("CONNECTION_EXPIRED", error.message);
  if (error.provider === "quickbooks") {
    switch (error.code) {
      case "6240":
        // Items' names clash among items; customers' among customers, vendors and employees.
        return new SyncError(/product or service/i.test(error.message) ? "DUPLICATE_ITEM_NAME" : "DUPLICATE_DISPLAY_NAME", error.message);
      case "6140":
        return new SyncError("DUPLICATE_DOC_NUMBER", error.message);
      case "5010":
        return new SyncError("STALE_OBJECT", error.message);
      case "6210":
        return new SyncError("CLOSED_PERIOD", error.message);
      case "6000":
        if (/service date/i.test(error.message)) return new SyncError("SERVICE_DATE_REQUIRED", error.message);
        if (/tax/i.test(error.message)) return new SyncError("TAX_REQUIRED", error.message);
    }
  }
  return new SyncError("VALIDATION_FAILED", error.message);
}
