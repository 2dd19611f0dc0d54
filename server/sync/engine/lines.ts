import type { Scalar } from "./values";

/** One invoice line as both sides are compared: matched to an item/product by SKU. */
export interface CanonicalLine {
  sku: string | null;
  description: string | null;
  quantity: number;
  unitPrice: number;
  /** Compared only when a HubSpot line-item property carries it (QuickBooks revenue recognition). */
  serviceDate?: string | null;
}

const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;

export function canonicalLine(raw: { sku?: unknown; description?: unknown; quantity?: unknown; unitPrice?: unknown; serviceDate?: unknown }): CanonicalLine {
  const text = (v: unknown) => (v === null || v === undefined || String(v).trim() === "" ? null : String(v).trim());
  const quantity = Number(raw.quantity ?? 1);
  const unitPrice = Number(raw.unitPrice ?? 0);
  return {
    sku: text(raw.sku)?.toLowerCase() ?? null,
    description: text(raw.description),
    quantity: Number.isFinite(quantity) ? round(quantity, 4) : 1,
    unitPrice: Number.isFinite(unitPrice) ? round(unitPrice, 2) : 0,
    ...(raw.serviceDate === undefined ? {} : { serviceDate: isoDate(raw.serviceDate) }),
  };
}

function isoDate(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return text.slice(0, 10);
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null;
}

/** Lines as one comparable value: a line added, removed or changed on one side is a change of the field. */
/** No lines is "nothing here" (null), so a record still being made never empties the other side's lines. */
export function encodeLines(lines: CanonicalLine[]): Scalar {
  if (lines.length === 0) return null;
  return JSON.stringify(lines.map((l) => (l.serviceDate === undefined ? [l.sku, l.description, l.quantity, l.unitPrice] : [l.sku, l.description, l.quantity, l.unitPrice, l.serviceDate])));
}

export function decodeLines(value: Scalar | undefined): CanonicalLine[] {
  if (typeof value !== "string" || value === "") return [];
  return (JSON.parse(value) as Array<[string | null, string | null, number, number, (string | null)?]>).map(([sku, description, quantity, unitPrice, ...rest]) => ({
    sku,
    description,
    quantity,
    unitPrice,
    ...(rest.length ? { serviceDate: rest[0] ?? null } : {}),
  }));
}

export const linesTotal = (lines: CanonicalLine[]) => round(lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0), 2);

/** Fields the invoice adapters read and write besides the mapped ones. */
export const INVOICE_FIELDS = {
  customer: "__customer",
  lines: "__lines",
  status: "__status",
  /** The counterpart reference the invoice spec resolves before a write (contact or customer id). */
  customerRef: "__customer_ref",
} as const;
