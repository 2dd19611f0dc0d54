import { QUICKBOOKS_ID_PROPERTY } from "./adapter";
import type { HubSpotClient } from "./client";
import type { HubSpotObjectType, HubSpotPropertyDefinition } from "./types";

const GROUPS: Partial<Record<HubSpotObjectType, string>> = {
  contacts: "contactinformation",
  products: "productinformation",
};

/** HubSpot invoices have no payment terms: Tandem's property holds the QuickBooks terms' name. */
export const PAYMENT_TERMS_PROPERTY = "tandem_payment_terms";

function tandemProperties(type: HubSpotObjectType): HubSpotPropertyDefinition[] {
  const quickbooksId: HubSpotPropertyDefinition = {
    name: QUICKBOOKS_ID_PROPERTY,
    label: "QuickBooks Online ID (Tandem)",
    type: "string",
    fieldType: "text",
    groupName: GROUPS[type] ?? "tandem",
    description: "Set by Tandem: the id of the linked QuickBooks Online record.",
  };
  if (type !== "invoices") return [quickbooksId];
  const paymentTerms: HubSpotPropertyDefinition = {
    name: PAYMENT_TERMS_PROPERTY,
    label: "Payment terms",
    type: "string",
    fieldType: "text",
    groupName: "tandem",
    description: "Synced by Tandem with the QuickBooks invoice's terms, by name (e.g. Net 30).",
  };
  return [quickbooksId, paymentTerms];
}

/** Creates Tandem's own properties in the account when missing (a new or switched account has none). */
export async function ensureTandemProperties(hubspot: HubSpotClient, type: HubSpotObjectType): Promise<void> {
  const existing = new Set((await hubspot.listProperties(type)).map((p) => p.name));
  for (const definition of tandemProperties(type)) if (!existing.has(definition.name)) await hubspot.createProperty(type, definition);
}

const ensuredOnce = new Map<string, Promise<void>>();

/**
 * `ensureTandemProperties` once per process and connection: a sync started before a property was
 * added to Tandem created it at no initial sync, and checking before every write would cost a call each.
 */
export function ensureTandemPropertiesOnce(hubspot: HubSpotClient, type: HubSpotObjectType): Promise<void> {
  const key = `${hubspot.connectionId}:${type}`;
  let ensured = ensuredOnce.get(key);
  if (!ensured) {
    ensured = ensureTandemProperties(hubspot, type);
    ensuredOnce.set(key, ensured);
    ensured.catch(() => ensuredOnce.delete(key));
  }
  return ensured;
}

/** The line-item date Tandem offers for QuickBooks' service date (HubSpot line items have none). */
export const SERVICE_DATE_PROPERTY = "tandem_service_date";

export async function ensureServiceDateProperty(hubspot: HubSpotClient): Promise<boolean> {
  const existing = await hubspot.listProperties("line_items");
  if (existing.some((p) => p.name === SERVICE_DATE_PROPERTY)) return false;
  await hubspot.createProperty("line_items", {
    name: SERVICE_DATE_PROPERTY,
    label: "Service date",
    type: "date",
    fieldType: "date",
    groupName: "lineiteminformation",
    description: "Set in HubSpot, synced by Tandem to the QuickBooks line's service date (revenue recognition).",
  });
  return true;
}
