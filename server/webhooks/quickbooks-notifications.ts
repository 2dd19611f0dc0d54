import { createHash } from "node:crypto";
import { z } from "zod";
import type { SyncObject } from "../db/schema";
import type { ChangeNotification } from "./notifications";

const OBJECTS_BY_ENTITY: Record<string, SyncObject> = {
  customer: "contacts",
  item: "products",
  invoice: "invoices",
  payment: "payments",
};

const legacyBody = z.object({
  eventNotifications: z.array(
    z.object({
      realmId: z.string(),
      dataChangeEvent: z.object({
        entities: z.array(
          z.looseObject({ name: z.string(), id: z.string(), operation: z.string(), lastUpdated: z.string().optional(), deletedId: z.string().optional() }),
        ),
      }),
    }),
  ),
});

const cloudEvent = z.looseObject({
  specversion: z.string(),
  id: z.string(),
  type: z.string().regex(/^qbo\.[a-z]+\.[a-z]+\.v\d+$/i, "type must look like qbo.<entity>.<verb>.v1"),
  intuitentityid: z.string(),
  intuitaccountid: z.string(),
  time: z.string().optional(),
});
const cloudEventsBody = z.array(cloudEvent).min(1);

/**
 * Intuit sends either format (legacy `eventNotifications`, or CloudEvents since 2026). Legacy
 * notifications carry no id, so one is derived from their content: a redelivery dedupes, a new
 * change (new `lastUpdated`) does not.
 */
export function parseQuickBooksNotifications(body: unknown): ChangeNotification[] {
  if (Array.isArray(body)) {
    return cloudEventsBody.parse(body).map((event) => {
      const [, entity = "", verb = ""] = event.type.toLowerCase().split(".");
      return {
        provider: "quickbooks",
        eventId: event.id,
        accountId: event.intuitaccountid,
        object: OBJECTS_BY_ENTITY[entity] ?? null,
        recordId: event.intuitentityid,
        operation: verb,
        ownWrite: false,
        payload: event,
      };
    });
  }
  return legacyBody.parse(body).eventNotifications.flatMap((notification) =>
    notification.dataChangeEvent.entities.map((entity) => ({
      provider: "quickbooks" as const,
      eventId: createHash("sha256")
        .update([notification.realmId, entity.name, entity.id, entity.operation, entity.lastUpdated ?? ""].join("|"))
        .digest("hex"),
      accountId: notification.realmId,
      object: OBJECTS_BY_ENTITY[entity.name.toLowerCase()] ?? null,
      recordId: entity.id,
      operation: entity.operation.toLowerCase(),
      ownWrite: false,
      payload: { realmId: notification.realmId, ...entity },
    })),
  );
}
