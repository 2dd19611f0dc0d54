import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { recordLinks, syncActivity } from "../db/schema";
import type { QboCustomer } from "../providers/quickbooks/types";
import { listRuns } from "../runtime";
import { connectNewOrg, eventually, startStack, type Stack } from "../testing/stack";
import { createTestDatabase } from "../testing/database";
import { createSyncContext } from "./org-context";
import { saveSyncConfig } from "./config";
import { pollQuickBooks } from "./poll";
import { START_MARGIN_MS } from "./reconcile";
import type { QboItem } from "../providers/quickbooks/types";

// Read by the env module on first use: polls every 2 s here (10 s by default).
process.env.QUICKBOOKS_POLL_SECONDS = "2";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

describe("polling QuickBooks changes", () => {
  it("brings a QuickBooks edit to HubSpot without its webhook or a reconciliation pass, once", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    // Intuit's webhooks never come (not even the creation's, which would deliver the edit too); no
    // reconciliation is asked for.
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
    const customer = await ctx.quickbooks.create<QboCustomer>("Customer", { DisplayName: "Poll Me", GivenName: "Poll", PrimaryEmailAddr: { Address: "poll@example.test" } }, "seed-poll");
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    const link = await eventually(async () => {
      const found = await db().query.recordLinks.findFirst({ where: and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.quickbooksId, customer.Id)) });
      return found?.state === "synced" ? found : undefined;
    }, "the initial sync");

    const current = await ctx.quickbooks.get<QboCustomer>("Customer", customer.Id);
    await ctx.quickbooks.update("Customer", { Id: current.Id, SyncToken: current.SyncToken, FamilyName: "Polled" }, "edit-poll");
    await eventually(async () => (await ctx.hubspot.getObject("contacts", link.hubspotId!, ["lastname"])).properties.lastname === "Polled", "the polled change in HubSpot");

    // Later polls see the change as already synced: one write to HubSpot, not one per poll.
    const before = (await listRuns(db(), { workflowId: "poll-quickbooks" })).length;
    await eventually(async () => (await listRuns(db(), { workflowId: "poll-quickbooks" })).length >= before + 2, "two more polls");
    const writes = (await db().select().from(syncActivity).where(eq(syncActivity.linkId, link.id))).filter((a) => a.target === "hubspot" && a.action === "updated");
    expect(writes).toHaveLength(1);

    // A poll delivered it (event ids name their origin).
    const changeRuns = (await listRuns(db(), { workflowId: "sync-record", limit: 1000 })).filter(
      (run) => run.event.data.orgId === org.orgId && run.event.data.recordId === customer.Id,
    );
    expect(changeRuns.map((run) => run.event.id?.split(":")[0])).toContain("poll");
  }, 60_000);
  it("brings the edits of two companies' customers with the same id and SyncToken, each to its own HubSpot account", async () => {
    const orgs = await Promise.all([connectNewOrg(stack), connectNewOrg(stack)]);
    const synced = await Promise.all(
      orgs.map(async (org, i) => {
        const ctx = await createSyncContext(db(), org.orgId);
        await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
        const customer = await ctx.quickbooks.create<QboCustomer>("Customer", { DisplayName: `Twin ${i}`, GivenName: "Twin", PrimaryEmailAddr: { Address: `twin${i}@example.test` } }, `seed-twin-${i}`);
        await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
        const link = await eventually(async () => {
          const found = await db().query.recordLinks.findFirst({ where: and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.quickbooksId, customer.Id)) });
          return found?.state === "synced" ? found : undefined;
        }, "the initial sync");
        return { ctx, customer, link };
      }),
    );
    // Ids and versions are per company: the two changes the polls notice look alike but for their org.
    expect(synced[0]!.customer.Id).toBe(synced[1]!.customer.Id);
    expect(synced[0]!.customer.SyncToken).toBe(synced[1]!.customer.SyncToken);

    for (const [i, { ctx, customer }] of synced.entries()) {
      await ctx.quickbooks.update("Customer", { Id: customer.Id, SyncToken: customer.SyncToken, FamilyName: `Polled ${i}` }, `edit-twin-${i}`);
    }
    for (const [i, { ctx, link }] of synced.entries()) {
      await eventually(async () => (await ctx.hubspot.getObject("contacts", link.hubspotId!, ["lastname"])).properties.lastname === `Polled ${i}`, `company ${i}'s change in HubSpot`);
    }
  }, 60_000);
  it("starts no run for a record changed before its own object's sync started, though the poll's window began at another's", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    const item = (name: string) => ctx.quickbooks.create<QboItem>("Item", { Name: name, Sku: name.toLowerCase(), Type: "Service", IncomeAccountRef: { value: income!.Id } }, `seed-${name}`);
    // Stored directly: no initial sync or poll chain of the stack's runs in the way of the polls below.
    await saveSyncConfig(db(), org.orgId, "contacts", { enabled: true });
    const before = await item("Older");
    await new Promise((resolve) => setTimeout(resolve, START_MARGIN_MS + 1_100));
    await saveSyncConfig(db(), org.orgId, "products", { enabled: true });
    // Within the same second as the start: QuickBooks stamps it to the second, possibly before the start.
    const after = await item("Newer");

    const { changes } = await pollQuickBooks(db(), org.orgId, "test-chain", 10_000);
    const products = changes.filter((c) => c.object === "products").map((c) => c.recordId);
    expect(products).toContain(after.Id);
    expect(products).not.toContain(before.Id);
  }, 60_000);
});
