import type { Scalar } from "./values";

/** One invoice line as both sides are compared: matched to an item/product by SKU. */
export interface CanonicalLine {
  sku: string | null;
  description: string | null;
  quantity: number;
  unitPrice: number;
  /** Compared only when a HubSpot line-item property carries it (QuickBooks revenue recognition). */
  serviceDate?: string | null;
  /**
   * The QuickBooks tax code the line is taxed with, present only when the company requires tax
   * (a HubSpot line's rate is translated through the tax mapping before it gets here).
   */
  taxCode?: string | null;
}

const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;

export function canonicalLine(raw: { sku?: unknown; description?: unknown; quantity?: unknown; unitPrice?: unknown; serviceDate?: unknown; taxCode?: string | null }): CanonicalLine {
  const text = (v: unknown) => (v === null || v === undefined || String(v).trim() === "" ? null : String(v).trim());
  const quantity = Number(raw.quantity ?? 1);
  const unitPrice = Number(raw.unitPrice ?? 0);
  return {
    sku: text(raw.sku),
    description: text(raw.description),
    quantity: Number.isFinite(quantity) ? round(quantity, 4) : 1,
    unitPrice: Number.isFinite(unitPrice) ? round(unitPrice, 2) : 0,
    ...(raw.serviceDate === undefined ? {} : { serviceDate: isoDate(raw.serviceDate) }),
    ...(raw.taxCode === undefined ? {} : { taxCode: raw.taxCode }),
  };
}

function isoDate(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return text.slice(0, 10);
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null;
}

type EncodedLine = [string | null, string | null, number, number, ...Array<string | null | { tax: string | null }>];

/** Lines as one comparable value: a line added, removed or changed on one side is a change of the field. */
/** No lines is "nothing here" (null), so a record still being made never empties the other side's lines. */
/** The tax code, when there is one, rides last as `{tax}` so lines without it encode as before. */
export function encodeLines(lines: CanonicalLine[]): Scalar {
  if (lines.length === 0) return null;
  return JSON.stringify(
    lines.map((l) => {
      const encoded: EncodedLine = [l.sku, l.description, l.quantity, l.unitPrice];
      if (l.serviceDate !== undefined) encoded.push(l.serviceDate);
      if (l.taxCode !== undefined) encoded.push({ tax: l.taxCode });
      return encoded;
    }),
  );
}

export function decodeLines(value: Scalar | undefined): CanonicalLine[] {
  if (typeof value !== "string" || value === "") return [];
  return (JSON.parse(value) as EncodedLine[]).map(([sku, description, quantity, unitPrice, ...rest]) => {
    const tax = rest.find((r): r is { tax: string | null } => typeof r === "object" && r !== null);
    const dates = rest.filter((r) => typeof r !== "object" || r === null);
    return {
      sku,
      description,
      quantity,
      unitPrice,
      ...(dates.length ? { serviceDate: (dates[0] as string | null) ?? null } : {}),
      ...(tax ? { taxCode: tax.tax } : {}),
    };
  });
}

/** Fields the invoice adapters read and write besides the mapped ones. */
export const INVOICE_FIELDS = {
  customer: "__customer",
  /** The email of the HubSpot invoice's contact: HubSpot invoices have no billing email of their own. */
  billingEmail: "__billing_email",
  lines: "__lines",
  status: "__status",
  /** The invoice's total as the provider computed it (lines, discounts, tax): compared, never written. */
  total: "__total",
  /** The counterpart reference the invoice spec resolves before a write (contact or customer id). */
  customerRef: "__customer_ref",
} as const;

/**
 * The date a line without a service date takes under the fallback rule: the QuickBooks invoice's
 * date or due date, from the first of `sources` that has the field (the write, then the invoice
 * as it is), or none.
 */
export function fallbackServiceDate(fallback: "invoice_date" | "due_date" | "none", ...sources: Array<Record<string, unknown> | undefined>): string | null {
  if (fallback === "none") return null;
  const field = fallback === "invoice_date" ? "TxnDate" : "DueDate";
  const value = sources.reduce<unknown>((found, source) => found ?? source?.[field], undefined);
  return String(value ?? "") || null;
}
