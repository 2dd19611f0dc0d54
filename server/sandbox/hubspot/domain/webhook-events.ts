import { objectTypeId, type ObjectType } from "./object-types";

export const SUBSCRIPTION_EVENT_TYPES = ["creation", "deletion", "propertyChange", "associationChange"] as const;
export type SubscriptionEventType = (typeof SUBSCRIPTION_EVENT_TYPES)[number];

/** A generic object subscription of an app; no propertyName on a propertyChange means every property. */
export interface Subscription {
  id: number;
  objectType: ObjectType;
  eventType: SubscriptionEventType;
  propertyName?: string;
  active: boolean;
}

export interface ChangeSource {
  changeSource: "INTEGRATION" | "CRM_UI" | "API";
  sourceId: string;
}

/** The event as sent (minus eventId and attemptNumber, set per delivery). */
export interface WebhookEvent {
  eventId?: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: `object.${SubscriptionEventType}`;
  attemptNumber?: number;
  objectId: number;
  objectTypeId: string;
  changeSource: string;
  sourceId: string;
  changeFlag?: "CREATED" | "DELETED" | "UPDATED";
  propertyName?: string;
  propertyValue?: string;
  associationTypeId?: number;
  fromObjectTypeId?: string;
  fromObjectId?: number;
  toObjectTypeId?: string;
  toObjectId?: number;
  associationRemoved?: boolean;
  isPrimaryAssociation?: boolean;
}

export type RecordChange =
  | { kind: "creation" | "deletion"; objectType: ObjectType; objectId: number }
  | { kind: "propertyChange"; objectType: ObjectType; objectId: number; propertyName: string; propertyValue: string }
  | {
      kind: "associationChange";
      objectType: ObjectType;
      objectId: number;
      toObjectType: ObjectType;
      toObjectId: number;
      associationTypeId: number;
      removed: boolean;
    };

const CHANGE_FLAGS = { creation: "CREATED", deletion: "DELETED", propertyChange: "UPDATED" } as const;

/** The events one app receives for one change, one per matching active subscription. */
export function eventsForChange(
  app: { id: number; subscriptions: Subscription[] },
  portalId: number,
  change: RecordChange,
  source: ChangeSource,
  occurredAt: number,
): WebhookEvent[] {
  return app.subscriptions
    .filter((s) => s.active && s.objectType === change.objectType && s.eventType === change.kind)
    .filter((s) => change.kind !== "propertyChange" || !s.propertyName || s.propertyName === change.propertyName)
    .map((s) => {
      const event: WebhookEvent = {
        subscriptionId: s.id,
        portalId,
        appId: app.id,
        occurredAt,
        subscriptionType: `object.${change.kind}`,
        objectId: change.objectId,
        objectTypeId: objectTypeId(change.objectType),
        changeSource: source.changeSource,
        sourceId: source.sourceId,
      };
      if (change.kind === "associationChange") {
        return {
          ...event,
          associationTypeId: change.associationTypeId,
          fromObjectTypeId: objectTypeId(change.objectType),
          fromObjectId: change.objectId,
          toObjectTypeId: objectTypeId(change.toObjectType),
          toObjectId: change.toObjectId,
          associationRemoved: change.removed,
          isPrimaryAssociation: false,
        };
      }
      event.changeFlag = CHANGE_FLAGS[change.kind];
      if (change.kind === "propertyChange") return { ...event, propertyName: change.propertyName, propertyValue: change.propertyValue };
      return event;
    });
}

/** Retry schedule (HubSpot: up to 10 attempts spread over 24 hours), divided by the time scale. */
export const MAX_DELIVERY_ATTEMPTS = 10;
const RETRY_DELAYS_MS = [60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 28_800_000];

export function retryDelayMs(attemptsMade: number, timeScale: number): number {
  const base = RETRY_DELAYS_MS[Math.min(attemptsMade - 1, RETRY_DELAYS_MS.length - 1)] ?? 60_000;
  return Math.max(1, Math.round(base / Math.max(timeScale, 1e-9)));
}

/** Splits a list into batches of at most `size` (HubSpot sends at most 100 events per request). */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
