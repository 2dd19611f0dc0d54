import type { Side } from "../links";
import type { FieldMapping } from "../mappings/types";
import { sameUnder, type ValueRules, type Values } from "./values";

export type ObjectDirection = "two_way" | "to_quickbooks" | "to_hubspot";

export interface MergeInput {
  /** The side whose change is being synced. */
  side: Side;
  source: Values;
  /** The counterpart's values, or null when there is none yet (a create). */
  target: Values | null;
  /** Values as last synced, per side; null for a record never synced. */
  snapshots: { hubspot: Values | null; quickbooks: Values | null };
  mappings: FieldMapping[];
  direction: ObjectDirection;
  conflictWinner: Side;
  /** Re-apply the source's values even where neither side changed since the last sync. */
  force?: boolean;
  /** Fields only one side may change (invoice ownership); a change on the other side is refused. */
  ownedBy?: { side: Side; keys: string[] } | null;
  /** Fields each side computes itself (an invoice's total): never written, only checked for ownership. */
  derived?: readonly string[];
  /** Fields compared and written by a rule of their own instead of plain equality. */
  valueRules?: ValueRules;
}

export interface MergeResult {
  /** Values to write to the counterpart (all its writable values on a create). */
  toTarget: Values;
  /** Values to write back to the source record (the other side changed them, or won). */
  toSource: Values;
  /** Fields settled by the conflict winner because both sides changed them. */
  conflicts: string[];
  /** Fields changed on a side that the direction doesn't let flow: the sides stay different. */
  outOfStep: string[];
  /** Fields changed on the side that doesn't own them. */
  ownershipViolations: string[];
  /**
   * Fields left as they are on both sides and in both snapshots, so the difference stays visible
   * until it is settled: the out-of-step and refused fields.
   */
  heldBack: string[];
}

export const other = (side: Side): Side => (side === "hubspot" ? "quickbooks" : "hubspot");

/** Whether a value may be written to `side` under the object's direction and the mapping's own. */
export function writable(side: Side, direction: ObjectDirection, mapping: FieldMapping): boolean {
  const objectAllows = direction === "two_way" || direction === (side === "hubspot" ? "to_hubspot" : "to_quickbooks");
  const mappingAllows = mapping.direction === "both" || mapping.direction === (side === "hubspot" ? "to_hubspot" : "to_quickbooks");
  return objectAllows && mappingAllows;
}

/**
 * Field-level merge. A field changed on one side since the last sync is copied to the other; a
 * field changed on both follows the winner (the mapping's, else the object's); a field without a
 * baseline (first link, a mapping switched on) is settled like a conflict, except that an empty
 * value never overwrites a filled one. Emptying a field is a change like any other.
 */
export function merge(input: MergeInput): MergeResult {
  const result: MergeResult = { toTarget: {}, toSource: {}, conflicts: [], outOfStep: [], ownershipViolations: [], heldBack: [] };
  const targetSide = other(input.side);
  for (const mapping of input.mappings) {
    const key = mapping.key;
    // A value the record's state leaves undefined (a voided invoice's lines) is not compared.
    if (!(key in input.source) || (input.target !== null && !(key in input.target))) continue;
    const s = input.source[key] ?? null;
    const derived = input.derived?.includes(key) ?? false;
    const rule = input.valueRules?.[key];
    const same = (a: Values[string] | undefined, b: Values[string] | undefined) => sameUnder(input.valueRules, key, a, b);
    const written = (value: Values[string], over: Values[string]) => (rule ? rule.written(value, over) : value);
    if (input.target === null) {
      if (derived) continue;
      if (s !== null && writable(targetSide, input.direction, mapping)) result.toTarget[key] = written(s, null);
      continue;
    }
    const t = input.target[key] ?? null;
    if (same(s, t)) continue;

    const sourceBase = input.snapshots[input.side];
    const targetBase = input.snapshots[targetSide];
    const sKnown = sourceBase !== null && key in sourceBase;
    const tKnown = targetBase !== null && key in targetBase;
    let sChanged = sKnown ? !same(s, sourceBase[key] as Values[string]) : true;
    let tChanged = tKnown ? !same(t, targetBase[key] as Values[string]) : !sKnown;
    const owner = input.ownedBy?.keys.includes(key) ? input.ownedBy.side : null;
    if (!sChanged && !tChanged) {
      if (!input.force) continue;
      // Re-applied on request, a field only one side may change comes from that side, whichever side the resync read first.
      if (owner !== null && owner !== input.side) tChanged = true;
      else sChanged = true;
    }

    const changedOnNonOwner = owner !== null && (owner === input.side ? tChanged : sChanged);
    if (changedOnNonOwner) {
      result.ownershipViolations.push(key);
      continue;
    }
    // A computed field follows the fields it is computed from; it is not copied itself.
    if (derived) continue;

    let flow: "toTarget" | "toSource";
    if (sChanged && tChanged) {
      const baseline = sKnown || tKnown;
      const winner = owner ?? mapping.conflictWinner ?? input.conflictWinner;
      flow = winner === input.side ? "toTarget" : "toSource";
      // Without a baseline an empty value is a gap to fill, not a choice to empty the other side.
      if (!baseline && (flow === "toTarget" ? s === null : t === null)) flow = flow === "toTarget" ? "toSource" : "toTarget";
      if (baseline) result.conflicts.push(key);
    } else {
      flow = sChanged ? "toTarget" : "toSource";
    }
    const writeSide = flow === "toTarget" ? targetSide : input.side;
    if (!writable(writeSide, input.direction, mapping)) {
      const reverse = flow === "toTarget" ? "toSource" : "toTarget";
      const reverseValue = reverse === "toTarget" ? s : t;
      const baseline = sKnown || tKnown;
      // In a one-way sync the sending side's value stands, whoever would have won, and a resync re-applies it.
      if (((sChanged && tChanged) || input.force) && writable(other(writeSide), input.direction, mapping) && (reverseValue !== null || baseline)) {
        result[reverse][key] = reverse === "toTarget" ? written(s, t) : written(t, s);
      } else if (baseline) {
        result.outOfStep.push(key);
      }
      continue;
    }
    result[flow][key] = flow === "toTarget" ? written(s, t) : written(t, s);
  }
  result.heldBack = [...result.ownershipViolations, ...result.outOfStep];
  return result;
}
