import { describe, expect, it } from "vitest";
import { chunk, eventsForChange, retryDelayMs, type Subscription } from "./webhook-events";

const subscriptions: Subscription[] = [
  { id: 1, objectType: "invoices", eventType: "propertyChange", active: true },
  { id: 2, objectType: "invoices", eventType: "propertyChange", propertyName: "hs_invoice_status", active: true },
  { id: 3, objectType: "invoices", eventType: "creation", active: false },
  { id: 4, objectType: "contacts", eventType: "associationChange", active: true },
];
const app = { id: 77, subscriptions };
const source = { changeSource: "CRM_UI" as const, sourceId: "userId:5" };

describe("eventsForChange", () => {
  it("matches property subscriptions by name or all properties", () => {
    const status = eventsForChange(app, 9, { kind: "propertyChange", objectType: "invoices", objectId: 5, propertyName: "hs_invoice_status", propertyValue: "open" }, source, 1000);
    expect(status.map((e) => e.subscriptionId)).toEqual([1, 2]);
    expect(status[0]).toMatchObject({ portalId: 9, appId: 77, objectTypeId: "0-53", subscriptionType: "object.propertyChange", changeSource: "CRM_UI", sourceId: "userId:5", propertyValue: "open", occurredAt: 1000 });
    const title = eventsForChange(app, 9, { kind: "propertyChange", objectType: "invoices", objectId: 5, propertyName: "hs_title", propertyValue: "x" }, source, 1000);
    expect(title.map((e) => e.subscriptionId)).toEqual([1]);
  });

  it("skips inactive subscriptions and describes association changes", () => {
    expect(eventsForChange(app, 9, { kind: "creation", objectType: "invoices", objectId: 5 }, source, 1)).toEqual([]);
    const [event] = eventsForChange(app, 9, { kind: "associationChange", objectType: "contacts", objectId: 1, toObjectType: "invoices", toObjectId: 2, associationTypeId: 178, removed: true }, source, 1);
    expect(event).toMatchObject({ fromObjectId: 1, toObjectId: 2, toObjectTypeId: "0-53", associationTypeId: 178, associationRemoved: true });
  });
});

describe("retries and batching", () => {
  it("compresses the retry schedule by the time scale", () => {
    expect(retryDelayMs(1, 1)).toBe(60_000);
    expect(retryDelayMs(1, 60)).toBe(1_000);
    expect(retryDelayMs(20, 1)).toBe(28_800_000);
  });

  it("splits into batches of at most the size", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
