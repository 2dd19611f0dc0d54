import type { FilterCondition } from "../../db/schema";
import type { SideRecord } from "./values";

/** A filter group as the engine evaluates it (stored in `sync_filters`, or fixed by an object spec). */
export interface FilterGroup {
  match: "all" | "any";
  conditions: FilterCondition[];
  /** Shown when the group keeps a record out, e.g. "Drafts never sync". */
  reason: string;
}

function fieldValue(record: SideRecord, field: string): string | number | boolean | null {
  if (field === "createdAt") return record.createdAt ?? null;
  if (field === "updatedAt") return record.updatedAt ?? null;
  return record.fields[field] ?? null;
}

/** Compares as numbers when both sides are numeric, as instants when both are dates, else as text. */
function compare(actual: string | number | boolean, expected: string): number {
  const a = Number(actual);
  const b = Number(expected);
  if (typeof actual !== "boolean" && Number.isFinite(a) && Number.isFinite(b) && String(actual).trim() !== "") return a - b;
  const ta = Date.parse(String(actual));
  const tb = Date.parse(expected);
  if (Number.isFinite(ta) && Number.isFinite(tb)) return ta - tb;
  return String(actual).toLowerCase().localeCompare(expected.toLowerCase());
}

export function conditionHolds(record: SideRecord, condition: FilterCondition): boolean {
  const actual = fieldValue(record, condition.field);
  const present = actual !== null && actual !== "";
  const expected = condition.value ?? "";
  switch (condition.operator) {
    case "is_set":
      return present;
    case "is_not_set":
      return !present;
    case "eq":
      return present ? compare(actual, expected) === 0 : expected === "";
    case "neq":
      return present ? compare(actual, expected) !== 0 : expected !== "";
    case "contains":
      return present && String(actual).toLowerCase().includes(expected.toLowerCase());
    case "not_contains":
      return !present || !String(actual).toLowerCase().includes(expected.toLowerCase());
    case "in":
      return present && expected.split(",").some((v) => compare(actual, v.trim()) === 0);
    case "gt":
      return present && compare(actual, expected) > 0;
    case "gte":
      return present && compare(actual, expected) >= 0;
    case "lt":
      return present && compare(actual, expected) < 0;
    case "lte":
      return present && compare(actual, expected) <= 0;
  }
}

/** The reason of the first group the record fails, or null when every group passes. */
export function exclusionReason(record: SideRecord, groups: FilterGroup[]): string | null {
  for (const group of groups) {
    const results = group.conditions.map((c) => conditionHolds(record, c));
    const passes = group.match === "all" ? results.every(Boolean) : results.some(Boolean);
    if (!passes) return group.reason;
  }
  return null;
}

/**
 * A group that keeps history out: the locked "created and last changed before the sync started"
 * rule (`updatedAt` on or after the start) or the recommended inbound "created after <date>" one.
 * They decide whether an old record is brought in at all, so a record already synced (by a
 * backfill, or before the filter was added) is never turned away by them.
 */
export function isHistoryCutoff(group: FilterGroup): boolean {
  const [condition, ...more] = group.conditions;
  if (!condition || more.length > 0) return false;
  return (condition.field === "updatedAt" && condition.operator === "gte") || (condition.field === "createdAt" && condition.operator === "gt");
}
