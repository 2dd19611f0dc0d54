/**
 * A provider that keeps answering 429: the record shows "Busy, will retry" (RATE_LIMITED) while
 * the retries of the request run out, and the workflow's own retry then syncs it — never dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createTestDatabase } from "../../testing/database";
import { connectNewOrg, eventually, startStack, type Stack } from "../../testing/stack";
import { createSyncContext } from "../org-context";
import { activityOf, contact, editCustomer, initialSyncDone, linkBy, newCustomer } from "./testing";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

describe("rate limits that outlast the request's retries", () => {
  it("marks the record RATE_LIMITED meanwhile, then syncs it on the workflow's retry", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const ivy = await newCustomer(ctx, "Ivy", "Tan", "ivy@example.test");
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    await initialSyncDone(org.orgId, "contacts", 1);
    const link = (await linkBy(org.orgId, "contacts", "quickbooks", ivy.Id))!;

    // HubSpot answers 429 to everything for longer than a request's own retries last (a count of
    // 429s could be spent by another caller first, a reconciliation pass or a notification's sync).
    await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, { rateLimitRate: 1 });
    await editCustomer(ctx, ivy.Id, { FamilyName: "Tan-Ng" });
    const busy = await eventually(async () => (await activityOf(link.id)).find((a) => a.errorCode === "RATE_LIMITED"), "the record to show it is rate limited", 60_000);
    expect(busy.action).toBe("failed");
    await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, { rateLimitRate: 0 });

    await eventually(async () => (await contact(ctx.hubspot, link.hubspotId!)).properties.lastname === "Tan-Ng", "the change once HubSpot lets it through", 60_000);
    await eventually(async () => (await linkBy(org.orgId, "contacts", "quickbooks", ivy.Id))?.state === "synced", "the record to show synced again");
  }, 90_000);
});
