import type { SyncObject } from "../../db/schema";
import { isHistoryCutoff } from "../engine/filters";
import type { ObjectEnv } from "../engine/object-env";
import type { Side } from "../links";

export type BackfillDirection = "to_hubspot" | "to_quickbooks";

/** Objects a backfill can copy: those whose sync leaves history out by a date cutoff. */
export const BACKFILL_OBJECTS: readonly SyncObject[] = ["invoices"];

/** The side a backfill reads: the one its records come from. */
export const sourceSideOf = (direction: BackfillDirection): Side => (direction === "to_hubspot" ? "quickbooks" : "hubspot");

/**
 * The object's environment as a backfill uses it: records matched by invoice number when they
 * have no link (an invoice that already exists on the other side is linked, never copied), and
 * the history cutoffs set aside. Customers, items, mappings and every other rule are the sync's.
 */
export function backfillEnv(env: ObjectEnv, direction: BackfillDirection): ObjectEnv {
  return {
    ...env,
    // The providers' own number fields, read whatever the user's mappings say.
    spec: { ...env.spec, match: { key: "number", label: "invoice number", hubspot: "hs_number", quickbooks: "DocNumber" } },
    filters: { ...env.filters, [direction]: env.filters[direction].filter((group) => !isHistoryCutoff(group)) },
  };
}
