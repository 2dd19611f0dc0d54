import { FieldError } from "../../auth/field-error";
import type { CatalogueField, FieldCatalogue } from "./fields";
import type { FieldKind, FieldMapping, MappingDirection } from "./types";

/**
 * Which kinds can be mapped onto each other, and the kind the mapping then transforms under.
 * Kept symmetric and small on purpose: text ↔ email (compared as an email: trimmed, lower case),
 * number ↔ money (rounded to cents), date ↔ date, boolean ↔ boolean, and an enumeration ↔ an
 * enumeration or ↔ text through a value map. No lossy one-way conversions (a number into text,
 * a date into text): a value written one way must read back the same.
 */
const PAIRS: Record<FieldKind, Partial<Record<FieldKind, FieldKind>>> = {
  text: { text: "text", email: "email", enum: "enum" },
  email: { email: "email", text: "email" },
  number: { number: "number", money: "money" },
  money: { money: "money", number: "money" },
  date: { date: "date" },
  boolean: { boolean: "boolean" },
  enum: { enum: "enum", text: "enum" },
};

/** The kind a HubSpot field and a QuickBooks field are mapped under, or null when they can't be. */
export function pairKind(hubspot: FieldKind, quickbooks: FieldKind): FieldKind | null {
  return PAIRS[hubspot][quickbooks] ?? null;
}

/** The QuickBooks fields a HubSpot field can be mapped to, so an editor offers only those. */
export function compatibleFields(field: CatalogueField, others: CatalogueField[]): string[] {
  return others.filter((other) => pairKind(field.kind, other.kind) !== null).map((other) => other.path);
}

export interface MappingDraft {
  hubspotProperty: string;
  quickbooksPath: string;
  direction: MappingDirection;
  valueMap: Record<string, string> | null;
}

const KIND_NAMES: Record<FieldKind, string> = {
  text: "text",
  email: "an email address",
  number: "a number",
  money: "an amount of money",
  date: "a date",
  enum: "a choice of options",
  boolean: "yes/no",
};

function find(fields: CatalogueField[], path: string, field: "hubspotProperty" | "quickbooksPath", side: string): CatalogueField {
  const found = fields.find((f) => f.path === path);
  if (!found) throw new FieldError(field, `${side} has no field "${path}" here.`);
  return found;
}

/** A mapping writes into a side unless it only flows the other way; provider-computed fields can't be written. */
function checkWritable(draft: MappingDraft, hubspot: CatalogueField, quickbooks: CatalogueField): void {
  if (draft.direction !== "to_hubspot" && quickbooks.readOnly) {
    throw new FieldError("quickbooksPath", `QuickBooks computes "${quickbooks.label}" itself; map it to HubSpot only.`);
  }
  if (draft.direction !== "to_quickbooks" && hubspot.readOnly) {
    throw new FieldError("hubspotProperty", `HubSpot computes "${hubspot.label}" itself; map it to QuickBooks only.`);
  }
}

/**
 * A value map turns HubSpot option values into QuickBooks values (and back). Its entries must name
 * options that exist on an enumeration side; values it doesn't list pass unchanged. Between an
 * enumeration and free text it is required: it is the only thing saying which text means which option.
 */
function checkValueMap(draft: MappingDraft, hubspot: CatalogueField, quickbooks: CatalogueField): void {
  const entries = Object.entries(draft.valueMap ?? {});
  if (hubspot.kind !== quickbooks.kind && entries.length === 0) {
    throw new FieldError("valueMap", `Say which ${hubspot.kind === "enum" ? `"${hubspot.label}" option` : "text"} becomes which ${quickbooks.kind === "enum" ? `"${quickbooks.label}" option` : "text"}.`);
  }
  for (const [from, to] of entries) {
    if (hubspot.kind === "enum" && !hubspot.options?.some((o) => o.value === from)) {
      throw new FieldError("valueMap", `"${from}" is not an option of the HubSpot property "${hubspot.label}".`);
    }
    if (quickbooks.kind === "enum" && !quickbooks.options?.some((o) => o.value === to)) {
      throw new FieldError("valueMap", `"${to}" is not an option of the QuickBooks field "${quickbooks.label}".`);
    }
  }
  const targets = entries.map(([, to]) => to);
  // Two HubSpot values onto one QuickBooks value could not be told apart on the way back.
  if (draft.direction !== "to_quickbooks" && new Set(targets).size !== targets.length) {
    throw new FieldError("valueMap", "Each HubSpot value needs its own QuickBooks value when the mapping syncs to HubSpot.");
  }
}

/**
 * Checks a mapping against the fields both sides offer and returns the kind it transforms under.
 * Unknown fields, incompatible kinds, writes into provider-computed fields and bad value maps are
 * refused with a FieldError naming the field.
 */
export function validateMapping(draft: MappingDraft, catalogue: FieldCatalogue): FieldKind {
  const hubspot = find(catalogue.hubspot, draft.hubspotProperty, "hubspotProperty", "HubSpot");
  const quickbooks = find(catalogue.quickbooks, draft.quickbooksPath, "quickbooksPath", "QuickBooks");
  const kind = pairKind(hubspot.kind, quickbooks.kind);
  if (!kind) {
    throw new FieldError(
      "quickbooksPath",
      `"${quickbooks.label}" holds ${KIND_NAMES[quickbooks.kind]} and can't be mapped to "${hubspot.label}", which holds ${KIND_NAMES[hubspot.kind]}.`,
    );
  }
  checkWritable(draft, hubspot, quickbooks);
  if (kind === "enum") checkValueMap(draft, hubspot, quickbooks);
  else if (draft.valueMap && Object.keys(draft.valueMap).length > 0) throw new FieldError("valueMap", "Only mappings of options take a value map.");
  return kind;
}

/**
 * One field maps to one field: a second switched-on mapping of the same HubSpot property or
 * QuickBooks path (in the same collection) would write it twice with different values.
 * Switched-off mappings don't count, so a default turned off frees its fields for a custom one.
 */
export function checkNotMappedTwice(draft: Pick<MappingDraft, "hubspotProperty" | "quickbooksPath">, others: FieldMapping[]): void {
  const enabled = others.filter((m) => m.enabled);
  const hubspotTwin = enabled.find((m) => m.hubspotProperty === draft.hubspotProperty);
  if (hubspotTwin) throw new FieldError("hubspotProperty", `"${draft.hubspotProperty}" is already mapped by "${hubspotTwin.label}".`);
  const quickbooksTwin = enabled.find((m) => m.quickbooksPath === draft.quickbooksPath);
  if (quickbooksTwin) throw new FieldError("quickbooksPath", `"${draft.quickbooksPath}" is already mapped by "${quickbooksTwin.label}".`);
}

/**
 * The key a custom mapping's snapshots are kept under: `custom:<hubspotProperty>`, numbered when a
 * mapping (perhaps switched off) already has it. Kept when the mapping is edited later.
 */
export function customMappingKey(hubspotProperty: string, takenKeys: ReadonlySet<string>): string {
  const base = `custom:${hubspotProperty}`;
  if (!takenKeys.has(base)) return base;
  for (let n = 2; ; n++) if (!takenKeys.has(`${base}:${n}`)) return `${base}:${n}`;
}
