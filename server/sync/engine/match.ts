import type { ObjectSpec } from "../objects/types";
import type { Side } from "../links";
import type { SideRecord } from "./values";

/** The value a record is matched on (lower-cased email or SKU), or null. */
export function matchKeyOf(spec: ObjectSpec, record: SideRecord, side: Side): string | null {
  if (!spec.match) return null;
  const value = record.fields[spec.match[side]];
  const key = value === null || value === undefined ? "" : String(value).trim().toLowerCase();
  return key || null;
}
