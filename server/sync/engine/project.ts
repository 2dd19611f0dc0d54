import type { Side } from "../links";
import type { FieldMapping } from "../mappings/types";
import { normalize, type SideRecord, type Values } from "./values";

export function pathOn(mapping: FieldMapping, side: Side): string {
  return side === "hubspot" ? mapping.hubspotProperty : mapping.quickbooksPath;
}

/** An enumeration's value as HubSpot names it: QuickBooks values go through the reversed value map. */
function fromQuickBooksEnum(mapping: FieldMapping, value: string): string {
  const entry = Object.entries(mapping.valueMap ?? {}).find(([, qbo]) => qbo === value);
  return entry ? entry[0] : value;
}

/** The record's mapped values, canonical: what snapshots hold and merges compare. */
export function project(record: SideRecord, mappings: FieldMapping[], side: Side): Values {
  const values: Values = {};
  for (const mapping of mappings) {
    let value = normalize(mapping.kind, record.fields[pathOn(mapping, side)]);
    if (mapping.kind === "enum" && side === "quickbooks" && typeof value === "string") value = fromQuickBooksEnum(mapping, value);
    values[mapping.key] = value;
  }
  return values;
}

/** The field patch that writes canonical values to one side (paths as the adapter expects them). */
export function toFields(values: Values, mappings: FieldMapping[], side: Side): Record<string, Values[string]> {
  const fields: Record<string, Values[string]> = {};
  for (const mapping of mappings) {
    if (!(mapping.key in values)) continue;
    let value = values[mapping.key] ?? null;
    if (mapping.kind === "enum" && side === "quickbooks" && typeof value === "string") value = mapping.valueMap?.[value] ?? value;
    fields[pathOn(mapping, side)] = value;
  }
  return fields;
}
