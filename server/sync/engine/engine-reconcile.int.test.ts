/**
 * Reconciliation of contacts and products through the sandboxes over HTTP: records whose only
 * change was Tandem's own write are recognised from the change feeds alone (no read of each), and
 * an edit someone else made, its notification lost, is found.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createTestDatabase } from "../../testing/database";
import { connectNewOrg, hubspotAsSomeoneElse, startStack, type Stack } from "../../testing/stack";
import { createSyncContext } from "../org-context";
import { findChanges } from "../reconcile";
import { initialSyncDone, newCustomer, orgWorkSettled } from "./testing";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

describe("reconciliation of contacts and products", () => {
  it("skips the records Tandem wrote on either side without reading them, and finds a HubSpot edit whose notification was lost", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    await newCustomer(ctx, "Ann", "Lee", "ann@reconcile.test");
    await newCustomer(ctx, "Bob", "Ray", "bob@reconcile.test");
    const cara = await someoneElse.createObject("contacts", { email: "cara@reconcile.test", firstname: "Cara", lastname: "Diaz" });
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    await ctx.quickbooks.create("Item", { Name: "Widget", Sku: "REC-1", Type: "Service", UnitPrice: 10, IncomeAccountRef: { value: income!.Id } }, "reconcile-item");

    const started = new Date();
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true, direction: "two_way" });
    await initialSyncDone(org.orgId, "contacts", 3);
    await org.caller.sync.updateSettings({ object: "products", enabled: true, direction: "two_way" });
    await initialSyncDone(org.orgId, "products", 1);
    await orgWorkSettled(org.orgId, "initial-sync", started);

    // Tandem made Ann's and Bob's contacts and the product in HubSpot, and Cara's customer in QuickBooks.
    stack.requestCounts.clear();
    const own = (await findChanges(db(), org.orgId)).changes;
    expect(own).toEqual([]);
    // One search per object in HubSpot, none of the three records read one by one. (QuickBooks'
    // side isn't counted: the org's CDC poll calls it at the same time.)
    expect(stack.requestCounts.get("/sandbox/hubspot/api")).toBe(2);

    await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, { webhookDropRate: 1 });
    await someoneElse.updateObject("contacts", cara.id, { phone: "555-0142" });
    const found = (await findChanges(db(), org.orgId)).changes;
    expect(found).toEqual([expect.objectContaining({ object: "contacts", side: "hubspot", recordId: cara.id })]);
  });
});
