import { z } from "zod";
import { defineEvent } from "../server/runtime";

const syncObject = z.enum(["contacts", "products", "invoices", "payments"]);

/** A record changed on one side (a webhook, or reconciliation found it): sync it. */
const recordOnOneSide = z.object({
  orgId: z.uuid(),
  object: syncObject,
  side: z.enum(["hubspot", "quickbooks"]),
  recordId: z.string().min(1),
  /** The version the QuickBooks poll or reconciliation saw (absent from webhooks). */
  version: z.string().min(1).optional(),
});

export const recordChanged = defineEvent("tandem/record.changed", recordOnOneSide);

/**
 * Re-apply one record even when it looks unchanged since the last sync (a resync, a mapping or
 * filter switched on). An event of its own, not a flag on `recordChanged`: a debounced burst keeps
 * only its last event, so a notification arriving within the second would drop the flag.
 */
export const recordResyncRequested = defineEvent("tandem/record.resync-requested", recordOnOneSide);

/** A sync was switched on: link what exists on both sides, create what is missing. */
export const initialSyncRequested = defineEvent("tandem/initial-sync.requested", z.object({ orgId: z.uuid(), object: syncObject }));

/** Read what changed at both providers since the stored cursors, for one org. */
export const reconcileRequested = defineEvent("tandem/reconcile.requested", z.object({ orgId: z.uuid() }));

/** Poll QuickBooks for changes for one org; `chain` names the self-renewing chain of polls. */
export const quickbooksPollRequested = defineEvent("tandem/quickbooks-poll.requested", z.object({ orgId: z.uuid(), chain: z.string().min(1) }));

/** A backfill was started: copy the invoices dated in its range one way (state in the `backfills` row). */
export const backfillRequested = defineEvent("tandem/backfill.requested", z.object({ orgId: z.uuid(), backfillId: z.uuid() }));

/**
 * The records hanging off an object's linked records became syncable (its initial sync ended, or a
 * direction change switched their sync on): sync those waiting, e.g. the invoices' earlier payments.
 */
export const childrenRequested = defineEvent("tandem/children.requested", z.object({ orgId: z.uuid(), object: syncObject }));
