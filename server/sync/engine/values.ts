import type { FieldKind } from "../mappings/types";

/** A canonical field value: what both sides' values are normalised to before they are compared. */
export type Scalar = string | number | boolean | null;

/** Mapped values of one record on one side, keyed by mapping key. */
export type Values = Record<string, Scalar>;

/**
 * One side's record as the engine sees it: provider JSON flattened by the side adapter into field
 * paths (HubSpot property names; QuickBooks paths such as `PrimaryEmailAddr.Address` or
 * `CustomField:1`). The engine never sees provider shapes.
 */
export interface SideRecord {
  id: string;
  fields: Record<string, Scalar>;
  active: boolean;
  createdAt?: string;
  updatedAt?: string;
  /** The optimistic-locking token some providers need to update (QuickBooks SyncToken). */
  version?: string;
}

/**
 * How one field's values compare and are written when plain equality is not the rule (an
 * invoice's lines with a line part switched off, names a provider matches ignoring case).
 */
export interface ValueRule {
  same(a: Scalar, b: Scalar): boolean;
  /** The value to write over `current` on the side written to (null: a record being created). */
  written(value: Scalar, current: Scalar): Scalar;
}

function text(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const trimmed = String(raw).trim();
  return trimmed === "" ? null : trimmed;
}

function number(raw: unknown, decimals: number | null): number | null {
  const value = typeof raw === "number" ? raw : Number(text(raw) ?? Number.NaN);
  if (!Number.isFinite(value)) return null;
  return decimals === null ? value : Math.round(value * 10 ** decimals) / 10 ** decimals;
}

function date(raw: unknown): string | null {
  const value = text(raw);
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  // HubSpot date properties may come as epoch milliseconds.
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null;
}

function boolean(raw: unknown): boolean | null {
  if (typeof raw === "boolean") return raw;
  const value = text(raw)?.toLowerCase();
  if (value === undefined || value === null) return null;
  return value === "true" || value === "1" || value === "yes";
}

/** Normalises a raw provider value to the canonical form of its kind (empty → null). */
export function normalize(kind: FieldKind, raw: unknown): Scalar {
  switch (kind) {
    case "email":
      return text(raw)?.toLowerCase() ?? null;
    case "number":
      return number(raw, null);
    case "money":
      return number(raw, 2);
    case "date":
      return date(raw);
    case "boolean":
      return boolean(raw);
    default:
      return text(raw);
  }
}

export function sameValue(a: Scalar | undefined, b: Scalar | undefined): boolean {
  return (a ?? null) === (b ?? null);
}

/**
 * Text that names something a provider looks up ignoring case (QuickBooks terms): "net 30" and
 * "Net 30" are the same value, so neither side's spelling is written over the other's.
 */
export const nameIgnoringCase: ValueRule = {
  same: (a, b) => (typeof a === "string" ? a.toLowerCase() : a) === (typeof b === "string" ? b.toLowerCase() : b),
  written: (value) => value,
};

export type ValueRules = Readonly<Record<string, ValueRule>>;

/** Whether two values of the field `key` are the same under the object's value rules (plain equality without one). */
export function sameUnder(rules: ValueRules | undefined, key: string, a: Scalar | undefined, b: Scalar | undefined): boolean {
  const rule = rules?.[key];
  return rule ? rule.same(a ?? null, b ?? null) : sameValue(a, b);
}
