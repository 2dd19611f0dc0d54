import type { HubSpotProperty } from "../../providers/hubspot/properties";
import type { CatalogueField } from "./fields";
import type { FieldKind } from "./types";

/**
 * HubSpot number properties carry no unit. One is money when HubSpot itself shows it with a
 * currency symbol (`showCurrencySymbol`, or `numberDisplayHint: "currency"` in newer portals), or
 * when its name says so (`price`, `amount`, `hs_amount_paid`, `hs_cost_of_goods_sold`, a line's
 * `discount`): HubSpot's own invoice, line item, product and payment amounts set neither flag.
 * Percentages and quantities (`hs_discount_percentage`, `quantity`) stay plain numbers.
 */
const MONEY_NAME = /(^|_)(price|amount|cost|total|balance|revenue|fee)(_|$)|(^|_)discount$/;

function numberKind(property: HubSpotProperty): FieldKind {
  if (property.showCurrencySymbol === true || property.numberDisplayHint === "currency") return "money";
  return MONEY_NAME.test(property.name) ? "money" : "number";
}

/** HubSpot keeps emails in plain string properties; the ones named as such compare case-insensitively. */
const EMAIL_NAME = /(^|_)email$/;

/**
 * The kind of a HubSpot property, or null when Tandem can't say what it holds. A multi-select
 * (`checkbox`) holds several options joined by `;`, so it maps as text rather than as one option.
 */
export function hubspotKind(property: HubSpotProperty): FieldKind | null {
  if (property.fieldType === "booleancheckbox" || property.type === "bool") return "boolean";
  switch (property.type) {
    case "string":
    case "phone_number":
      return EMAIL_NAME.test(property.name) ? "email" : "text";
    case "number":
      return numberKind(property);
    case "date":
    case "datetime":
      return "date";
    case "enumeration":
      return property.fieldType === "checkbox" ? "text" : "enum";
    default:
      return null;
  }
}

/** Tandem's own bookkeeping properties (e.g. `tandem_quickbooks_id`): mapping them would break linking. */
const TANDEM_PREFIX = "tandem_";

/** A HubSpot property as a catalogue field; null for hidden, Tandem's own and unknown-typed ones. */
export function hubspotField(property: HubSpotProperty): CatalogueField | null {
  if (property.hidden || property.name.startsWith(TANDEM_PREFIX)) return null;
  const kind = hubspotKind(property);
  if (!kind) return null;
  return {
    path: property.name,
    label: property.label || property.name,
    kind,
    ...(kind === "enum" ? { options: (property.options ?? []).filter((o) => !o.hidden).map(({ value, label }) => ({ value, label })) } : {}),
    readOnly: property.modificationMetadata?.readOnlyValue === true || property.calculated === true,
    custom: property.hubspotDefined !== true,
  };
}
