import type { Scalar, ValueRule } from "./values";

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

/** Which parts of a line the invoice's line mappings sync; the item (by SKU), service date and tax code always do. */
export interface LineParts {
  description: boolean;
  /** Off: a line is compared and sent by its amount, as 1 × amount. */
  quantity: boolean;
}

const amountOf = (line: CanonicalLine) => round(line.quantity * line.unitPrice, 2);

/** A line as it is compared and sent under `parts`. */
export function syncedPartsOf(line: CanonicalLine, parts: LineParts): CanonicalLine {
  return {
    ...line,
    ...(parts.description ? {} : { description: null }),
    ...(parts.quantity ? {} : { quantity: 1, unitPrice: amountOf(line) }),
  };
}

/**
 * How an invoice's lines compare and are written when a line part is switched off: the part is
 * left out of the comparison (an edit of it alone is no change), and a line written over the
 * line at the same place with the same item keeps that line's own part (its description, or its
 * quantity and price when they make the same amount). Undefined when every part syncs.
 */
export function linesRule(parts: LineParts): ValueRule | undefined {
  if (parts.description && parts.quantity) return undefined;
  const comparable = (value: Scalar) => encodeLines(decodeLines(value).map((line) => syncedPartsOf(line, parts)));
  return {
    same: (a, b) => comparable(a) === comparable(b),
    written: (value, current) => {
      const there = decodeLines(current);
      const lines = decodeLines(value).map((line, index) => {
        const sent = syncedPartsOf(line, parts);
        const kept = there[index]?.sku === line.sku ? there[index] : undefined;
        if (!kept) return sent;
        return {
          ...sent,
          ...(parts.description ? {} : { description: kept.description }),
          ...(parts.quantity || amountOf(kept) !== sent.unitPrice ? {} : { quantity: kept.quantity, unitPrice: kept.unitPrice }),
        };
      });
      return encodeLines(lines);
    },
  };
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
