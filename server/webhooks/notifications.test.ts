import { describe, expect, it } from "vitest";
import { parseHubSpotNotifications } from "./hubspot-notifications";
import { parseQuickBooksNotifications } from "./quickbooks-notifications";

describe("HubSpot notifications", () => {
  const event = {
    eventId: 100,
    subscriptionId: 7,
    portalId: 62515,
    appId: 42,
    occurredAt: 1_700_000_000_000,
    subscriptionType: "object.propertyChange",
    attemptNumber: 0,
    objectId: 123,
    objectTypeId: "0-1",
    propertyName: "phone",
    propertyValue: "555",
    changeSource: "CRM_UI",
    sourceId: "userId:9",
  };

  it("reduces events to the object, record and account", () => {
    expect(parseHubSpotNotifications([event], "42")).toEqual([
      expect.objectContaining({ eventId: "100", accountId: "62515", object: "contacts", recordId: "123", ownWrite: false }),
    ]);
  });

  it("flags this app's own writes, not another app's", () => {
    const ours = { ...event, changeSource: "INTEGRATION", sourceId: "42" };
    const theirs = { ...event, changeSource: "INTEGRATION", sourceId: "77" };
    expect(parseHubSpotNotifications([ours, theirs], "42").map((n) => n.ownWrite)).toEqual([true, false]);
  });

  it("rejects a body that isn't an event array", () => {
    expect(() => parseHubSpotNotifications({ eventId: 1 }, "42")).toThrow();
  });
});

describe("QuickBooks notifications", () => {
  it("reads the legacy format with a content-derived id", () => {
    const body = {
      eventNotifications: [
        { realmId: "9130", dataChangeEvent: { entities: [{ name: "Customer", id: "58", operation: "Update", lastUpdated: "2026-11-23T10:00:00-0800" }] } },
      ],
    };
    const [first] = parseQuickBooksNotifications(body);
    expect(first).toMatchObject({ accountId: "9130", object: "contacts", recordId: "58", operation: "update" });
    expect(parseQuickBooksNotifications(structuredClone(body))[0]!.eventId).toBe(first!.eventId);
    body.eventNotifications[0]!.dataChangeEvent.entities[0]!.lastUpdated = "2026-11-23T10:05:00-0800";
    expect(parseQuickBooksNotifications(body)[0]!.eventId).not.toBe(first!.eventId);
  });

  it("reads CloudEvents", () => {
    const events = parseQuickBooksNotifications([
      { specversion: "1.0", id: "e-1", source: "intuit.x", type: "qbo.item.created.v1", intuitentityid: "5", intuitaccountid: "9130", data: {} },
    ]);
    expect(events).toEqual([expect.objectContaining({ eventId: "e-1", object: "products", recordId: "5", operation: "created" })]);
  });

  it("rejects anything else", () => {
    expect(() => parseQuickBooksNotifications({ hello: "world" })).toThrow();
    expect(() => parseQuickBooksNotifications([{ id: "x" }])).toThrow();
  });
});
