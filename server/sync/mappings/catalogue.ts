import type { SyncObject } from "../../db/schema";
import type { HubSpotClient } from "../../providers/hubspot/client";
import type { HubSpotObjectType } from "../../providers/hubspot/types";
import type { QuickBooksClient } from "../../providers/quickbooks/client";
import { invoiceCustomFields } from "../../providers/quickbooks/preferences";
import type { FieldCatalogue } from "./fields";
import { hubspotField } from "./hubspot-fields";
import { quickbooksFields, usesCustomFields } from "./quickbooks-fields";

/** The collections mappings can be made on: "" is the record itself, "lines" an invoice's lines. */
export const COLLECTIONS: Record<SyncObject, readonly string[]> = {
  contacts: [""],
  products: [""],
  invoices: ["", "lines"],
  payments: [""],
};

/** The HubSpot object type holding each object's (or collection's) records. */
const HUBSPOT_TYPE: Record<SyncObject, Record<string, HubSpotObjectType>> = {
  contacts: { "": "contacts" },
  products: { "": "products" },
  invoices: { "": "invoices", lines: "line_items" },
  payments: { "": "commerce_payments" },
};

export function hasCollection(object: SyncObject, collection: string): boolean {
  return COLLECTIONS[object].includes(collection);
}

/**
 * Both sides' fields for an object's collection, read now from the connected accounts: HubSpot's
 * property definitions (custom properties included) and QuickBooks' entity fields plus the
 * company's invoice custom fields. Two provider reads at most; nothing is cached, so a property
 * created a moment ago in HubSpot is offered at once.
 */
export async function loadCatalogue(
  clients: { hubspot: HubSpotClient; quickbooks: QuickBooksClient },
  object: SyncObject,
  collection = "",
): Promise<FieldCatalogue> {
  const [properties, preferences] = await Promise.all([
    clients.hubspot.listProperties(HUBSPOT_TYPE[object][collection]!),
    usesCustomFields(object, collection) ? clients.quickbooks.preferences() : null,
  ]);
  return {
    hubspot: properties
      .map(hubspotField)
      .filter((f) => f !== null)
      .sort((a, b) => a.label.localeCompare(b.label)),
    quickbooks: quickbooksFields(object, collection, preferences ? invoiceCustomFields(preferences) : []),
  };
}
