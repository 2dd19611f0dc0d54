/** Invoice rules of the sandbox: totals, statuses and what a status change requires. */

export const INVOICE_STATUSES = ["draft", "open", "paid", "voided"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export interface LineItemValues {
  quantity?: string;
  price?: string;
  discount?: string;
  hs_discount_percentage?: string;
  hs_tax_amount?: string;
}

/** What a line item's tax rate puts on it; the sandbox derives these, clients only set `hs_tax_rate_group_id`. */
export const TAX_PROPERTIES = ["hs_tax_rate", "hs_tax_label", "hs_tax_amount", "hs_post_tax_amount"] as const;

/** A line's tax: its amount times the rate, rounded to the cent for the line. */
export function lineItemTaxCents(amount: string | undefined, percentageRate: number): number {
  return Math.round((toCents(amount) * percentageRate) / 100);
}

const toCents = (value: string | undefined): number => {
  const n = Number(value ?? "");
  return value === undefined || value === "" || !Number.isFinite(n) ? 0 : Math.round(n * 100);
};

/** Money as HubSpot returns it: a plain decimal string, at most two decimals ("150", "99.5"). */
export const formatCents = (cents: number): string => String(Math.round(cents) / 100);

/** amount = quantity × (price − unit discount), less the discount percentage. */
export function lineItemAmountCents(item: LineItemValues): number {
  const quantity = Number(item.quantity ?? "1");
  const qty = Number.isFinite(quantity) && item.quantity !== "" ? quantity : 1;
  const unit = toCents(item.price) - toCents(item.discount);
  const percent = Number(item.hs_discount_percentage ?? "0") || 0;
  return Math.round(qty * unit * (1 - percent / 100));
}

export interface PaymentValues {
  hs_initial_amount?: string;
  hs_latest_status?: string;
}

export interface InvoiceTotals {
  billedCents: number;
  paidCents: number;
  balanceCents: number;
}

/** Billed from the line items (their amounts plus their tax); paid from the associated succeeded payments. */
export function invoiceTotals(lineItems: LineItemValues[], payments: PaymentValues[]): InvoiceTotals {
  const billedCents = lineItems.reduce((sum, item) => sum + lineItemAmountCents(item) + toCents(item.hs_tax_amount), 0);
  const paidCents = payments.filter((p) => p.hs_latest_status === "succeeded").reduce((sum, p) => sum + toCents(p.hs_initial_amount), 0);
  return { billedCents, paidCents, balanceCents: billedCents - paidCents };
}

/** The status an invoice settles into after its totals changed: open ⇄ paid follows the balance. */
export function settledStatus(status: InvoiceStatus, totals: InvoiceTotals): InvoiceStatus {
  if (status === "open" && totals.billedCents > 0 && totals.balanceCents <= 0) return "paid";
  if (status === "paid" && totals.balanceCents > 0) return "open";
  return status;
}

export class InvoiceRuleError extends Error {}

export interface InvoiceContext {
  contactCount: number;
  lineItemCount: number;
}

/**
 * Checks a requested status change; throws `InvoiceRuleError` with the reason when HubSpot would
 * refuse it. `paid` is never set directly: it follows from payments.
 */
export function assertStatusChange(from: InvoiceStatus, to: InvoiceStatus, context: InvoiceContext): void {
  if (from === to) return;
  if (!INVOICE_STATUSES.includes(to)) throw new InvoiceRuleError(`hs_invoice_status must be one of ${INVOICE_STATUSES.join(", ")}.`);
  if (to === "paid") throw new InvoiceRuleError("An invoice becomes paid when associated payments cover its balance; it cannot be set to paid.");
  if (to === "draft") throw new InvoiceRuleError(`A ${from} invoice cannot be moved back to draft.`);
  if (from === "voided") throw new InvoiceRuleError("A voided invoice cannot be changed.");
  if (to === "voided" && from === "paid") throw new InvoiceRuleError("A paid invoice cannot be voided.");
  if (to === "open") {
    if (from !== "draft") throw new InvoiceRuleError(`A ${from} invoice cannot be reopened.`);
    if (context.contactCount === 0) throw new InvoiceRuleError("An invoice needs an associated contact before it can be finalized (status open).");
    if (context.lineItemCount === 0) throw new InvoiceRuleError("An invoice needs at least one line item before it can be finalized (status open).");
  }
}

export function assertDeletable(status: InvoiceStatus): void {
  if (status !== "draft") throw new InvoiceRuleError(`Only draft invoices can be deleted; this invoice is ${status}.`);
}

/** Line items and amounts of a finalized invoice are frozen, like in HubSpot. */
export function assertEditableLines(status: InvoiceStatus): void {
  if (status !== "draft" && status !== "open") throw new InvoiceRuleError(`Line items of a ${status} invoice cannot be changed.`);
}

export const formatInvoiceNumber = (sequence: number): string => `INV-${sequence}`;
