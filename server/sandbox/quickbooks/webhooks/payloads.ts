import { randomUUID } from "node:crypto";
import { formatWebhookTimestamp } from "../domain/time";

export type ChangeOperation = "Create" | "Update" | "Delete" | "Void" | "Merge" | "Emailed";

export interface ChangeEvent {
  realmId: string;
  utcOffset: string;
  entityType: string;
  entityId: string;
  operation: ChangeOperation;
  at: Date;
}

const CLOUD_EVENT_VERBS: Record<ChangeOperation, string> = {
  Create: "created",
  Update: "updated",
  Delete: "deleted",
  Void: "voided",
  Merge: "merged",
  Emailed: "emailed",
};

/** The legacy `eventNotifications` payload for one change. */
export function legacyPayload(event: ChangeEvent): unknown {
  return {
    eventNotifications: [
      {
        realmId: event.realmId,
        dataChangeEvent: {
          entities: [
            {
              name: event.entityType,
              id: event.entityId,
              operation: event.operation,
              lastUpdated: formatWebhookTimestamp(event.at, event.utcOffset),
            },
          ],
        },
      },
    ],
  };
}

/** The CloudEvents payload (a JSON array) for one change; receivers dedupe on `id`. */
export function cloudEventsPayload(event: ChangeEvent, id: string = randomUUID()): unknown {
  return [
    {
      specversion: "1.0",
      id,
      source: "intuit.sandbox.quickbooks",
      type: `qbo.${event.entityType.toLowerCase()}.${CLOUD_EVENT_VERBS[event.operation]}.v1`,
      datacontenttype: "application/json",
      time: event.at.toISOString(),
      intuitentityid: event.entityId,
      intuitaccountid: event.realmId,
      data: {},
    },
  ];
}
