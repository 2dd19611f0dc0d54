import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { retryDelaySeconds } from "./dispatcher";
import { cloudEventsPayload, legacyPayload } from "./payloads";
import { signWebhook } from "./signature";

const event = { realmId: "123", utcOffset: "-07:00", entityType: "Invoice", entityId: "9", operation: "Void" as const, at: new Date("2015-10-05T21:42:19Z") };

describe("webhook payloads", () => {
  it("formats the legacy notification with the company's offset", () => {
    expect(legacyPayload([event])).toEqual({
      eventNotifications: [{ realmId: "123", dataChangeEvent: { entities: [{ name: "Invoice", id: "9", operation: "Void", lastUpdated: "2015-10-05T14:42:19-0700" }] } }],
    });
  });

  it("carries several of a company's changes in one legacy notification", () => {
    const created = { ...event, entityType: "Customer", entityId: "4", operation: "Create" as const };
    const payload = legacyPayload([created, event]) as { eventNotifications: Array<{ realmId: string; dataChangeEvent: { entities: Array<{ name: string }> } }> };
    expect(payload.eventNotifications).toHaveLength(1);
    expect(payload.eventNotifications[0]!.dataChangeEvent.entities.map((e) => e.name)).toEqual(["Customer", "Invoice"]);
  });

  it("formats a CloudEvent with the versioned type", () => {
    expect(cloudEventsPayload([{ ...event, id: "e-1" }])).toEqual([
      {
        specversion: "1.0",
        id: "e-1",
        source: "intuit.sandbox.quickbooks",
        type: "qbo.invoice.voided.v1",
        datacontenttype: "application/json",
        time: "2015-10-05T21:42:19.000Z",
        intuitentityid: "9",
        intuitaccountid: "123",
        data: {},
      },
    ]);
  });

  it("signs with base64 HMAC-SHA256 of the raw body under the verifier token", () => {
    const body = JSON.stringify(legacyPayload([event]));
    expect(signWebhook("verifier", body)).toBe(createHmac("sha256", "verifier").update(body).digest("base64"));
    expect(signWebhook("verifier", body)).not.toBe(signWebhook("other", body));
  });

  it("retries on Intuit's schedule, then every 6 hours", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 15].map(retryDelaySeconds)).toEqual([10, 20, 30, 300, 1200, 7200, 14400, 21600, 21600, 21600]);
  });
});
