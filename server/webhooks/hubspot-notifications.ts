import { z } from "zod";
import type { SyncObject } from "../db/schema";
import type { ChangeNotification } from "./notifications";

const OBJECTS_BY_TYPE_ID: Record<string, SyncObject> = {
  "0-1": "contacts",
  "0-7": "products",
  "0-53": "invoices",
  "0-101": "payments",
};

const hubspotEvent = z.looseObject({
  eventId: z.union([z.number(), z.string()]),
  portalId: z.union([z.number(), z.string()]),
  appId: z.union([z.number(), z.string()]).optional(),
  subscriptionType: z.string(),
  objectId: z.union([z.number(), z.string()]),
  objectTypeId: z.string().optional(),
  changeSource: z.string().optional(),
  sourceId: z.string().nullish(),
});

export const hubspotWebhookBody = z.array(hubspotEvent).max(100);

function objectOf(event: z.infer<typeof hubspotEvent>): SyncObject | null {
  if (event.objectTypeId) return OBJECTS_BY_TYPE_ID[event.objectTypeId] ?? null;
  // Legacy subscription types name the object: "contact.propertyChange".
  return event.subscriptionType.startsWith("contact.") ? "contacts" : null;
}

export function parseHubSpotNotifications(body: unknown, ownAppId: string | undefined): ChangeNotification[] {
  return hubspotWebhookBody.parse(body).map((event) => ({
    provider: "hubspot",
    eventId: String(event.eventId),
    accountId: String(event.portalId),
    object: objectOf(event),
    recordId: String(event.objectId),
    operation: event.subscriptionType,
    ownWrite: event.changeSource === "INTEGRATION" && ownAppId !== undefined && event.sourceId === ownAppId,
    payload: event,
  }));
}
