import type { Scalar } from "./values";

/** One invoice line as both sides are compared: matched to an item/product by SKU. */
export interface CanonicalLine {
  sku: string | null;
  description: string | null;
  quantity: number;
  unitPrice: number;
}

const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;

export function canonicalLine(raw: { sku?: unknown; description?: unknown; quantity?: unknown; unitPrice?: unknown }): CanonicalLine {
  const text = (v: unknown) => (v === null || v === undefined || String(v).trim() === "" ? null : String(v).trim());
  const quantity = Number(raw.quantity ?? 1);
  const unitPrice = Number(raw.unitPrice ?? 0);
  return {
    sku: text(raw.sku)?.toLowerCase() ?? null,
    description: text(raw.description),
    quantity: Number.isFinite(quantity) ? round(quantity, 4) : 1,
    unitPrice: Number.isFinite(unitPrice) ? round(unitPrice, 2) : 0,
  };
}

/** Lines as one comparable value: a line added, removed or changed on one side is a change of the field. */
export function encodeLines(lines: CanonicalLine[]): Scalar {
  return JSON.stringify(lines.map((l) => [l.sku, l.description, l.quantity, l.unitPrice]));
}

export function decodeLines(value: Scalar | undefined): CanonicalLine[] {
  if (typeof value !== "string" || value === "") return [];
  return (JSON.parse(value) as Array<[string | null, string | null, number, number]>).map(([sku, description, quantity, unitPrice]) => ({
    sku,
    description,
    quantity,
    unitPrice,
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
