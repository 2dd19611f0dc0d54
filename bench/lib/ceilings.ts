/**
 * What the providers' limits allow an initial sync, in records per second, and the formula, per
 * object and direction (shared/reference: HubSpot 110 requests / 10 s per account, batches of 100;
 * QuickBooks 500 requests / min per company and app, where each item of a batch counts as one,
 * and 120 batch requests / min of up to 30 items: the 500 binds first).
 */
export type Direction = "to_hubspot" | "to_quickbooks";

const HUBSPOT_REQUESTS_PER_S = 110 / 10;
const HUBSPOT_SEARCHES_PER_S = 5;
const HUBSPOT_BATCH = 100;
const QUICKBOOKS_BATCHES_PER_S = 120 / 60;
const QUICKBOOKS_BATCH = 30;
const QUICKBOOKS_CALLS_PER_S = 500 / 60;

export interface Ceiling {
  recordsPerSecond: number;
  formula: string;
}

/** `linesPerInvoice`: the line items each benchmark invoice carries (each one a HubSpot line item). */
export function ceilingFor(object: "contacts" | "products" | "invoices", direction: Direction, linesPerInvoice = 2): Ceiling {
  if (direction === "to_quickbooks") {
    const perSecond = Math.round(Math.min(QUICKBOOKS_BATCHES_PER_S * QUICKBOOKS_BATCH, QUICKBOOKS_CALLS_PER_S) * 10) / 10;
    return {
      recordsPerSecond: perSecond,
      formula: `QuickBooks: 500 requests/min, each batch item counting as one (the batch endpoint's 120 requests/min × 30 would allow 60/s) = ${perSecond}/s sustained; a run within one minute's 500 may go faster (reading HubSpot, 100 per request, stays far below its 11 requests/s)`,
    };
  }
  if (object === "contacts") {
    const perSecond = HUBSPOT_REQUESTS_PER_S * HUBSPOT_BATCH;
    return { recordsPerSecond: perSecond, formula: `HubSpot: 110 requests/10 s × 100 contacts per batch create = ${perSecond}/s` };
  }
  if (object === "products") {
    // SKUs aren't unique in HubSpot, so a product is found by SKU through search (100 per request),
    // whose own limit binds before the batch creates'.
    const perSecond = Math.min(HUBSPOT_REQUESTS_PER_S, HUBSPOT_SEARCHES_PER_S) * HUBSPOT_BATCH;
    return {
      recordsPerSecond: perSecond,
      formula: `HubSpot: search 5 requests/s × 100 SKUs per search = ${perSecond}/s (matching by SKU needs a search: SKUs aren't unique in HubSpot; the batch creates alone would allow 110 requests/10 s × 100 = 1100/s)`,
    };
  }
  // Per 100 invoices: one batch create (with the contact association), one batch create of line items
  // (associated on create) per line each invoice has, one batch update that finalizes them.
  const requestsPer100 = 1 + linesPerInvoice + 1;
  const perSecond = (HUBSPOT_REQUESTS_PER_S * HUBSPOT_BATCH) / requestsPer100;
  return {
    recordsPerSecond: Math.round(perSecond),
    formula: `HubSpot: 110 requests/10 s × 100 invoices ÷ ${requestsPer100} requests per 100 invoices (1 invoice batch create with the contact associations + ${linesPerInvoice} line-item batch creates for ${linesPerInvoice} lines each, associated on create + 1 batch update to finalize) = ${Math.round(perSecond)}/s`,
  };
}
