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

/** The legacy `eventNotifications` payload: one company's changes, several entities in one notification. */
export function legacyPayload(events: ChangeEvent[]): unknown {
  return {
    eventNotifications: [
      {
        realmId: events[0]?.realmId,
        dataChangeEvent: {
          entities: events.map((event) => ({
            name: event.entityType,
            id: event.entityId,
            operation: event.operation,
            lastUpdated: formatWebhookTimestamp(event.at, event.utcOffset),
          })),
        },
      },
    ],
  };
}

/** The CloudEvents payload (a JSON array, one event per change); receivers dedupe on `id`. */
export function cloudEventsPayload(events: Array<ChangeEvent & { id: string }>): unknown {
  return events.map((event) => ({
    specversion: "1.0",
    id: event.id,
    source: "intuit.sandbox.quickbooks",
    type: `qbo.${event.entityType.toLowerCase()}.${CLOUD_EVENT_VERBS[event.operation]}.v1`,
    datacontenttype: "application/json",
    time: event.at.toISOString(),
    intuitentityid: event.entityId,
    intuitaccountid: event.realmId,
    data: {},
  }));
}
