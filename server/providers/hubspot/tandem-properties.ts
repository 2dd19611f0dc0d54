import { QUICKBOOKS_ID_PROPERTY } from "./adapter";
import type { HubSpotClient } from "./client";
import type { HubSpotObjectType } from "./types";

const GROUPS: Partial<Record<HubSpotObjectType, string>> = {
  contacts: "contactinformation",
  products: "productinformation",
};

/** Creates Tandem's own properties in the account when missing (a new or switched account has none). */
export async function ensureTandemProperties(hubspot: HubSpotClient, type: HubSpotObjectType): Promise<void> {
  const existing = await hubspot.listProperties(type);
  if (existing.some((p) => p.name === QUICKBOOKS_ID_PROPERTY)) return;
  await hubspot.createProperty(type, {
    name: QUICKBOOKS_ID_PROPERTY,
    label: "QuickBooks Online ID (Tandem)",
    type: "string",
    fieldType: "text",
    groupName: GROUPS[type] ?? "tandem",
    description: "Set by Tandem: the id of the linked QuickBooks Online record.",
  });
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
