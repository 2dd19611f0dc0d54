import { FieldError } from "../../auth/field-error";
import type { HubSpotClient } from "../../providers/hubspot/client";
import { hubspotKind } from "../mappings/hubspot-fields";

/**
 * Refuses, as a field error of `serviceDateProperty`, a line-item property the HubSpot account
 * doesn't have or that holds no date: its values would never become a QuickBooks ServiceDate.
 */
export async function assertLineItemDateProperty(hubspot: HubSpotClient, name: string): Promise<void> {
  const property = (await hubspot.listProperties("line_items")).find((p) => p.name === name);
  if (!property) {
    throw new FieldError("serviceDateProperty", `HubSpot line items have no property “${name}”: pick one of their date properties, or have Tandem create its “Service date”.`);
  }
  if (hubspotKind(property) !== "date") {
    throw new FieldError("serviceDateProperty", `“${property.label || name}” holds ${property.type} values, not dates: pick a date property of HubSpot line items.`);
  }
}
