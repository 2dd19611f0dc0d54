/**
 * The fields a payment carries on both sides as the side adapters present it: one payment applied
 * to one invoice (a QuickBooks Payment over several invoices is one record per invoice).
 */
export const PAYMENT_FIELDS = {
  /** What the payment pays on the invoice. */
  amount: "__amount",
  /** "paid", or "voided" once voided, refunded, deleted or taken off the invoice. */
  status: "__status",
  /** The invoice it pays, by its id on the record's own side. */
  invoice: "__invoice",
  /** How many invoices it is on (a HubSpot payment can be associated with several). */
  invoiceCount: "__invoice_count",
  /** The invoice on the side written to, resolved through the invoice's link before a write. */
  invoiceRef: "__invoice_ref",
} as const;

export type PaymentStatus = "paid" | "voided";

const SYSTEM_FIELDS = new Set<string>(Object.values(PAYMENT_FIELDS));

export const isTandemPaymentField = (name: string) => SYSTEM_FIELDS.has(name);

/** The fields the user's own payment mappings write (a reference number, a date…), without Tandem's. */
export function userMappedFields<T>(fields: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !isTandemPaymentField(name)));
}
