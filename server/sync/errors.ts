/**
 * The catalogue of sync errors users see. A failure is stored on the record by `code`; the UI maps
 * the code to these words. Raw provider messages go to the activity detail, never in place of these.
 */
export const SYNC_ERRORS = {
  MISSING_CUSTOMER: {
    category: "Missing customer",
    explanation: "The invoice has no associated contact, or its contact matches no QuickBooks customer and one couldn't be created.",
    fix: "In HubSpot, associate a contact with an email address to the invoice (or give its contact an email address), then retry.",
    retryable: false,
  },
  MISSING_CONTACT: {
    category: "Missing contact",
    explanation:
      "The QuickBooks invoice's customer has no HubSpot contact and one can't be made: contacts are matched to customers by email, and this customer has none (or is inactive).",
    fix: "In QuickBooks, give the invoice's customer an email address (and make it active if it isn't), then retry.",
    retryable: false,
  },
  DUPLICATE_DISPLAY_NAME: {
    category: "Duplicate name",
    explanation: "Another QuickBooks customer, vendor or employee already uses this display name (QuickBooks error 6240).",
    fix: "Rename the existing QuickBooks record or the HubSpot contact/company, or turn on the name-suffix option, then retry.",
    retryable: false,
  },
  DUPLICATE_ITEM_NAME: {
    category: "Duplicate item name",
    explanation: "Another QuickBooks product or service already uses this name (QuickBooks error 6240): item names are unique in QuickBooks, whatever their SKU.",
    fix: "Rename the product in HubSpot (Tandem syncs it again when it changes) or the other item in QuickBooks, then retry.",
    retryable: false,
  },
  SERVICE_DATE_REQUIRED: {
    category: "Revenue recognition",
    explanation: "Revenue recognition is on in QuickBooks, so every invoice line needs a service date.",
    fix: "In Tandem's invoice settings (Service dates), pick the HubSpot line-item date property or what lines without one get, or turn off revenue recognition in QuickBooks; then retry.",
    retryable: false,
  },
  DUPLICATE_MATCH: {
    category: "Matched twice",
    explanation:
      "Another QuickBooks record with the same email (customers) or SKU (items) is already synced with the same HubSpot record, so this one would overwrite it.",
    fix: "Give each QuickBooks customer its own email, or each item its own SKU, or make the duplicate inactive in QuickBooks; then retry.",
    retryable: false,
  },
  ONE_WAY_EDIT: {
    category: "Edited on the receiving side",
    explanation:
      "This record was changed on the side this sync only writes to, so the change isn't copied back and the two sides differ. The next change on the sending side overwrites it.",
    fix: "Make the change on the sending side instead (or revert it), or switch this sync to two-way.",
    retryable: false,
  },
  EDITED_OUTSIDE_HUBSPOT: {
    category: "Edited in QuickBooks",
    explanation:
      "Adjustments to line items or invoice amounts in HubSpot native invoices cannot be made via external applications. Make all changes in HubSpot.",
    fix: "Revert the change in QuickBooks and make it in HubSpot instead.",
    retryable: false,
  },
  DUPLICATE_DOC_NUMBER: {
    category: "Duplicate invoice number",
    explanation: "QuickBooks already has a transaction with this number (QuickBooks error 6140).",
    fix: "Turn off custom transaction numbers in QuickBooks, or change the number on one of the invoices, then retry.",
    retryable: false,
  },
  CLOSED_PERIOD: {
    category: "Closed books",
    explanation: "The transaction date falls inside a period that is closed in QuickBooks.",
    fix: "Move the closing date in QuickBooks or change the invoice date, then retry.",
    retryable: false,
  },
  TAX_REQUIRED: {
    category: "Tax required",
    explanation: "This QuickBooks company requires a tax code on every invoice line, and Tandem's tax mapping doesn't give every HubSpot line one yet.",
    fix: "Complete the tax mapping in the invoice settings (a QuickBooks tax code for each HubSpot tax rate and a default for lines without a rate), then retry.",
    retryable: false,
  },
  TAX_MAPPING_INCOMPLETE: {
    category: "Tax rate not mapped",
    explanation: "A line's tax rate has no counterpart on the other side in the tax mapping, so the line's tax can't be written.",
    fix: "Map the HubSpot tax rate to a QuickBooks tax code (or the QuickBooks code from a HubSpot rate) in the invoice settings, then retry.",
    retryable: false,
  },
  TAX_TOTAL_MISMATCH: {
    category: "Tax totals differ",
    explanation:
      "QuickBooks computed a different invoice total than HubSpot's (by more than a cent): the mapped tax code's rate differs from the HubSpot tax rate, or the two round tax differently (HubSpot per line, QuickBooks per rate).",
    fix: "Check that each HubSpot tax rate maps to a QuickBooks tax code with the same percentage, then retry; for rounding differences, adjust the invoice in HubSpot (e.g. fewer lines at the same rate).",
    retryable: false,
  },
  UNKNOWN_TERMS: {
    category: "Unknown terms",
    explanation: "The invoice's payment terms in HubSpot name no terms of the QuickBooks company (terms are matched by name, ignoring case).",
    fix: "In HubSpot, set the invoice's \u201cPayment terms\u201d to one of the QuickBooks terms named in the detail (or add those terms in QuickBooks), then retry.",
    retryable: false,
  },
  CONNECTION_EXPIRED: {
    category: "Reconnect needed",
    explanation: "Tandem's access to the account was revoked or has expired.",
    fix: "Reconnect the account on the Connections page; affected records sync again automatically.",
    retryable: false,
  },
  RATE_LIMITED: {
    category: "Busy, will retry",
    explanation: "The provider kept asking Tandem to slow down, and the retries ran out for now.",
    fix: "Nothing to do: Tandem retries automatically. You can also retry now.",
    retryable: true,
  },
  STALE_OBJECT: {
    category: "Changed meanwhile",
    explanation: "Someone changed the record in QuickBooks while Tandem was writing it (QuickBooks error 5010).",
    fix: "Retry: Tandem re-reads the record and applies the change again.",
    retryable: true,
  },
  PROVIDER_UNAVAILABLE: {
    category: "Provider unavailable",
    explanation: "HubSpot or QuickBooks didn't answer or answered with a server error.",
    fix: "Nothing to do: Tandem retries automatically. You can also retry now.",
    retryable: true,
  },
  PRODUCT_NOT_SYNCED: {
    category: "Product not synced yet",
    explanation:
      "A line's product isn't on the other side yet, and its own sync didn't finish. The invoice waits for it rather than putting the line on the \u201cCustom line item\u201d.",
    fix: "Nothing to do if the product is syncing: Tandem retries the invoice, and again each time a product reaches the other side. If the product's own sync failed, fix that (see the product's record): the invoice follows on its own.",
    retryable: true,
  },
  VALIDATION_FAILED: {
    category: "Rejected by the provider",
    explanation: "The provider refused the record's data.",
    fix: "Read the detail, correct the record at its source, then retry.",
    retryable: false,
  },
} as const satisfies Record<string, { category: string; explanation: string; fix: string; retryable: boolean }>;

export type SyncErrorCode = keyof typeof SYNC_ERRORS;

/** A failure of one record, with the catalogue code and the provider's own words as detail. */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${SYNC_ERRORS[code].category}: ${detail}` : SYNC_ERRORS[code].category);
    this.name = "SyncError";
  }

  get retryable(): boolean {
    return SYNC_ERRORS[this.code].retryable;
  }
}

/** An invoice written to `targetSide` without its party: a HubSpot invoice with no contact, a QuickBooks one whose customer matches no contact. */
export function missingParty(targetSide: "hubspot" | "quickbooks"): SyncError {
  return targetSide === "quickbooks"
    ? new SyncError("MISSING_CUSTOMER", "The HubSpot invoice has no associated contact.")
    : new SyncError("MISSING_CONTACT", "The QuickBooks invoice has no customer with an email address, so it matches no HubSpot contact.");
}
