import type { HubSpotClient } from "../../providers/hubspot/client";
import type { HubSpotObjectType } from "../../providers/hubspot/types";

/**
 * Tandem stamps the QuickBooks id on every HubSpot record it creates, so a create retried after a
 * crash finds its first attempt instead of making a duplicate.
 */
export const QUICKBOOKS_ID_PROPERTY = "tandem_quickbooks_id";

const GROUPS: Partial<Record<HubSpotObjectType, string>> = {
  contacts: "contactinformation",
  products: "productinformation",
};

export async function ensureTandemProperties(hubspot: HubSpotClient, type: "contacts" | "products"): Promise<void> {
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
