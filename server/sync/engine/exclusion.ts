import type { Side } from "../links";
import { exclusionReason } from "./filters";
import { matchKeyOf } from "./match";
import { other } from "./merge";
import type { ObjectEnv } from "./object-env";
import type { SideRecord } from "./values";

/**
 * Why the record stays out of the sync to the other side: the object's own reason (inactive, no
 * SKU…), else the first filter group of that direction it fails; null when it goes.
 */
export function exclusionOf(env: ObjectEnv, record: SideRecord, side: Side, linked: boolean): string | null {
  const filters = env.filters[other(side) === "hubspot" ? "to_hubspot" : "to_quickbooks"];
  return env.spec.exclusion(record, side, matchKeyOf(env.spec, record, side), linked) ?? exclusionReason(record, filters);
}
