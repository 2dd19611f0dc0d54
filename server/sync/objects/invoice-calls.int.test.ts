import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { connections } from "../../db/schema";
import { quickbooksInvoiceAdapter } from "../../providers/quickbooks/invoice-adapter";
import { runs } from "../../runtime/embedded/schema";
import { sandboxDb } from "../../sandbox/quickbooks/store/db";
import * as quickbooksStore from "../../sandbox/quickbooks/store/service";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { recordHubSpotCalls, recordQuickBooksCalls } from "../../testing/provider-calls";
import { entityNotification, postQuickBooksNotification } from "../../testing/quickbooks-webhook";
import { connectNewOrg, eventually, startStack, type Stack } from "../../testing/stack";
import { createTestDatabase } from "../../testing/database";
import { createSyncContext } from "../org-context";
import type { SyncContext } from "../context";
import { hubspotNotificationsDelivered, orgWorkSettled } from "../engine/testing";
import { finalizedInvoiceFor, hubspotUiContact, invoiceLink, settledInvoice } from "./invoice-testing";

// Read by the env module on first use: polls every 2 s here (10 s by default).
process.env.QUICKBOOKS_POLL_SECONDS = "2";

type QboInvoice = { Id: string; SyncToken: string; DueDate?: string };

/** A QuickBooks user's edit, through the sandbox's store (no API call of the test's is counted). */
async function editInQuickBooks(realmId: string, id: string, patch: Record<string, unknown>) {
  const { doc } = await quickbooksStore.readEntity(sandboxDb(), realmId, "Invoice", id);
  await quickbooksStore.updateEntity(sandboxDb(), realmId, "Invoice", { Id: id, SyncToken: doc.SyncToken, sparse: true, ...patch }, { sparse: true });
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

/** The org's runs of a workflow, oldest first, with the event each started from. */
async function runsOf(orgId: string, workflowId: string) {
  return db()
    .select({ event: runs.event, createdAt: runs.createdAt })
    .from(runs)
    .where(and(eq(runs.workflowId, workflowId), sql`${runs.event}->'data'->>'orgId' = ${orgId}`))
    .orderBy(runs.createdAt);
}

/** The QuickBooks ids of the org's invoices that sync-record runs were started for from the QuickBooks side. */
async function quickbooksSideRuns(orgId: string): Promise<string[]> {
  return (await runsOf(orgId, "sync-record"))
    .map((run) => run.event.data as { object: string; side: string; recordId: string })
    .filter((data) => data.object === "invoices" && data.side === "quickbooks")
    .map((data) => data.recordId);
}

/** How many sync-record runs started from QuickBooks for the invoice have completed. */
async function finishedRuns(orgId: string, quickbooksId: string): Promise<number> {
  const finished = await db()
    .select({ id: runs.id })
    .from(runs)
    .where(
      and(
        eq(runs.workflowId, "sync-record"),
        eq(runs.status, "completed"),
        sql`${runs.event}->'data'->>'orgId' = ${orgId}`,
        sql`${runs.event}->'data'->>'side' = 'quickbooks'`,
        sql`${runs.event}->'data'->>'recordId' = ${quickbooksId}`,
      ),
    );
  return finished.length;
}

/**
 * Stops the org's QuickBooks poll as another live poll chain would: its state names another chain
 * that polled "just now" (far in the future), so every chain of the org ends at its next poll. Set
 * again until no poll run is left (one in flight writes its own state when it ends).
 */
async function holdPolls(orgId: string) {
  const state = { chain: "held by the test", at: "2999-01-01T00:00:00.000Z", since: new Date().toISOString() };
  await eventually(async () => {
    await db()
      .update(connections)
      .set({ reconcileCursors: sql`${connections.reconcileCursors} || ${JSON.stringify({ poll: JSON.stringify(state) })}::jsonb` })
      .where(and(eq(connections.orgId, orgId), eq(connections.provider, "quickbooks")));
    const polling = await db()
      .select({ id: runs.id })
      .from(runs)
      .where(and(eq(runs.workflowId, "poll-quickbooks"), inArray(runs.status, ["queued", "running", "sleeping"]), sql`${runs.event}->'data'->>'orgId' = ${orgId}`));
    return polling.length === 0;
  }, "the org's polls to stop");
}

/** Waits until `count` more polls of the org have finished after now. */
async function polls(orgId: string, count: number) {
  const before = (await runsOf(orgId, "poll-quickbooks")).length;
  await eventually(async () => (await runsOf(orgId, "poll-quickbooks")).length >= before + count + 1, `${count} more polls`, 60_000);
}

describe("provider calls of invoices", () => {
  let org: Awaited<ReturnType<typeof connectNewOrg>>;
  let ctx: SyncContext;

  beforeAll(async () => {
    org = await connectNewOrg(stack);
    ctx = await createSyncContext(db(), org.orgId);
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    await eventually(async () => (await org.caller.sync.overview()).length > 0, "the settings");
  });

  it("reads a QuickBooks invoice with one GET, and a deleted one as gone with one GET", async () => {
    const contactId = await hubspotUiContact(org, "one-get@example.test");
    const hubspotId = await finalizedInvoiceFor(org, contactId, [{ name: "Consulting", price: "40", quantity: "2" }]);
    const { quickbooksId } = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks");
    const adapter = quickbooksInvoiceAdapter(ctx.quickbooks);

    const reading = recordQuickBooksCalls(stack, org.realmId);
    const record = await adapter.read(quickbooksId!);
    const gone = await adapter.read("999999");
    const calls = reading.stop();

    expect(record?.id).toBe(quickbooksId);
    expect(record?.fields.__customer).toBe("one-get@example.test");
    expect(gone).toBeNull();
    expect(calls.filter((c) => c.kind === "QuickBooks GET /invoice/{id}").map((c) => c.path)).toEqual([`/invoice/${quickbooksId}`, "/invoice/999999"]);
  });

  it("starts no run and makes no call but the poll's for invoices Tandem just wrote, and still syncs a QuickBooks edit made right after", async () => {
    // Only the poll can tell Tandem of QuickBooks changes here: Intuit's webhooks never come.
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
    const contactId = await hubspotUiContact(org, "five@example.test");
    const hubspotIds: string[] = [];
    for (let i = 0; i < 5; i++) hubspotIds.push(await finalizedInvoiceFor(org, contactId, [{ name: `Hours ${i}`, price: "25", quantity: String(i + 1) }]));
    const quickbooksIds: string[] = [];
    for (const id of hubspotIds) quickbooksIds.push((await settledInvoice(org.orgId, "hubspot", id, "synced", "the invoice in QuickBooks")).quickbooksId!);

    // Edited in QuickBooks right after Tandem wrote it, before or after a poll saw Tandem's write.
    const watching = recordQuickBooksCalls(stack, org.realmId);
    await editInQuickBooks(org.realmId, quickbooksIds[0]!, { DueDate: "2027-01-15" });
    await eventually(
      async () => (await ctx.hubspot.getObject("invoices", hubspotIds[0]!, ["hs_due_date"])).properties.hs_due_date?.slice(0, 10) === "2027-01-15",
      "the QuickBooks edit in HubSpot",
      60_000,
    );
    await polls(org.orgId, 2);
    const calls = watching.stop();

    // One run from QuickBooks, for the edited invoice; the invoices Tandem wrote cost nothing but the polls.
    expect(await quickbooksSideRuns(org.orgId)).toEqual([quickbooksIds[0]]);
    expect(calls.filter((c) => c.path.startsWith("/invoice/")).map((c) => c.path)).toEqual([`/invoice/${quickbooksIds[0]}`]);
    for (const [n, id] of hubspotIds.entries()) {
      const [hubspot, quickbooks] = await Promise.all([
        ctx.hubspot.getObject("invoices", id, ["hs_due_date"]),
        ctx.quickbooks.get<QboInvoice>("Invoice", quickbooksIds[n]!),
      ]);
      expect(hubspot.properties.hs_due_date?.slice(0, 10) ?? null).toBe(quickbooks.DueDate ?? null);
    }
  }, 180_000);

  it("reads a QuickBooks invoice once and looks nothing else up for the notification of Tandem's own write, and syncs a QuickBooks edit notified after", async () => {
    // Intuit's webhooks are dropped: this test posts them itself, when it means to.
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
    const contactId = await hubspotUiContact(org, "echo@example.test");
    const hubspotId = await finalizedInvoiceFor(org, contactId, [{ name: "Support", price: "30", quantity: "1" }]);
    const { quickbooksId } = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks");
    await hubspotUi.updateRecord(Number(org.hubspotPortalId), "invoices", Number(hubspotId), { hs_due_date: "2027-02-20" });
    await eventually(async () => {
      const [invoice, link] = await Promise.all([quickbooksStore.readEntity(sandboxDb(), org.realmId, "Invoice", quickbooksId!), invoiceLink(org.orgId, "hubspot", hubspotId)]);
      return invoice.doc.DueDate === "2027-02-20" && link?.state === "synced" && link.quickbooksSnapshot?.$seen === invoice.doc.SyncToken;
    }, "the HubSpot edit in QuickBooks", 60_000);
    await polls(org.orgId, 2);

    // The Update notification of Tandem's write: one GET finds the SyncToken Tandem stored.
    const runsBefore = await finishedRuns(org.orgId, quickbooksId!);
    const echo = recordQuickBooksCalls(stack, org.realmId);
    await postQuickBooksNotification(stack, entityNotification(org.realmId, "Invoice", quickbooksId!, "Update", new Date().toISOString()));
    await eventually(async () => (await finishedRuns(org.orgId, quickbooksId!)) > runsBefore, "the notification's run");
    expect(echo.stop().filter((c) => !c.path.startsWith("/cdc"))).toEqual([{ kind: "QuickBooks GET /invoice/{id}", path: `/invoice/${quickbooksId}` }]);

    // A QuickBooks user's edit, notified: read in full and synced.
    await editInQuickBooks(org.realmId, quickbooksId!, { DueDate: "2027-03-01" });
    await postQuickBooksNotification(stack, entityNotification(org.realmId, "Invoice", quickbooksId!, "Update", new Date(Date.now() + 1_000).toISOString()));
    await eventually(
      async () => (await ctx.hubspot.getObject("invoices", hubspotId, ["hs_due_date"])).properties.hs_due_date?.slice(0, 10) === "2027-03-01",
      "the QuickBooks edit in HubSpot",
      60_000,
    );
  }, 180_000);

  it("reads the QuickBooks invoice once for a HubSpot edit, looks its customer and items up once, and the company's country not again", async () => {
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
    const contactId = await hubspotUiContact(org, "edit-once@example.test");
    const hubspotId = await finalizedInvoiceFor(org, contactId, [{ name: "Design", price: "80", quantity: "1" }]);
    const { quickbooksId } = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks");
    // Only the edit's own run calls QuickBooks below: a poll can't race it with a run of its own.
    await holdPolls(org.orgId);

    const editing = recordQuickBooksCalls(stack, org.realmId);
    await hubspotUi.updateRecord(Number(org.hubspotPortalId), "invoices", Number(hubspotId), { hs_due_date: "2027-04-30" });
    const invoice = await eventually(async () => {
      const [found, link] = await Promise.all([quickbooksStore.readEntity(sandboxDb(), org.realmId, "Invoice", quickbooksId!), invoiceLink(org.orgId, "hubspot", hubspotId)]);
      return found.doc.DueDate === "2027-04-30" && link?.state === "synced" && link.quickbooksSnapshot?.$seen === found.doc.SyncToken ? found.doc : undefined;
    }, "the HubSpot edit in QuickBooks", 60_000);
    const calls = editing.stop().filter((c) => !c.path.startsWith("/cdc"));

    // The target read (one GET, its customer and items), then the update against that SyncToken.
    expect(calls.map((c) => c.kind).sort()).toEqual(["QuickBooks GET /invoice/{id}", "QuickBooks GET /query (Customer where …)", "QuickBooks GET /query (Item where …)", "QuickBooks POST /invoice"]);
    const hubspot = await ctx.hubspot.getObject("invoices", hubspotId, ["hs_due_date", "hs_amount_billed"]);
    expect({ due: hubspot.properties.hs_due_date?.slice(0, 10), total: Number(hubspot.properties.hs_amount_billed) }).toEqual({ due: invoice.DueDate, total: invoice.TotalAmt });
  }, 180_000);
  it("writes a QuickBooks edit to HubSpot with one PATCH, reading the HubSpot invoice once (before the write, not again after)", async () => {
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
    const contactId = await hubspotUiContact(org, "patch-once@example.test");
    const started = new Date();
    const hubspotId = await finalizedInvoiceFor(org, contactId, [{ name: "Training", price: "60", quantity: "3" }]);
    const { quickbooksId } = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks");
    // Only the notification posted below tells Tandem of the edit.
    await holdPolls(org.orgId);
    // The first sync's own work (the values QuickBooks filled in, copied back, and HubSpot's notification of that write) is done before counting.
    await orgWorkSettled(org.orgId, "sync-record", started);
    await hubspotNotificationsDelivered(Number(org.hubspotPortalId));
    await orgWorkSettled(org.orgId, "sync-record", started);

    const hubspotCalls = recordHubSpotCalls(stack);
    await editInQuickBooks(org.realmId, quickbooksId!, { DueDate: "2027-05-31" });
    await postQuickBooksNotification(stack, entityNotification(org.realmId, "Invoice", quickbooksId!, "Update", new Date().toISOString()));
    // Waited for in Tandem's records (no HubSpot call of the test's own is counted).
    const link = await eventually(async () => {
      const synced = await invoiceLink(org.orgId, "hubspot", hubspotId);
      return synced?.state === "synced" && String(synced.hubspotSnapshot?.dueDate).startsWith("2027-05-31") ? synced : undefined;
    }, "the QuickBooks edit in HubSpot", 60_000);
    const calls = hubspotCalls.stop();

    expect(calls.filter((c) => c === "HubSpot PATCH /crm/v3/objects/invoices/{id}")).toHaveLength(1);
    expect(calls.filter((c) => c === "HubSpot GET /crm/v3/objects/invoices/{id}")).toHaveLength(1);
    // What Tandem stored as HubSpot's values is what HubSpot holds.
    const hubspot = await ctx.hubspot.getObject("invoices", hubspotId, ["hs_due_date"]);
    expect(String(link.hubspotSnapshot?.dueDate).slice(0, 10)).toBe(hubspot.properties.hs_due_date?.slice(0, 10));
  }, 180_000);
});

describe("provider calls of an initial invoice sync to QuickBooks", () => {
  it("writes the due dates QuickBooks filled in back to HubSpot in one batch, not one update and read per invoice", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    // Switched on once and paused: invoices finalized meanwhile are the initial sync's to send.
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    await eventually(async () => (await org.caller.sync.overview()).length > 0, "the settings");
    await org.caller.sync.updateSettings({ object: "invoices", enabled: false });
    const contactId = await hubspotUiContact(org, "batch-back@example.test");
    const hubspotIds: string[] = [];
    for (let i = 0; i < 4; i++) hubspotIds.push(await finalizedInvoiceFor(org, contactId, [{ name: `Item ${i}`, price: "15", quantity: "2" }]));

    const hubspotCalls = recordHubSpotCalls(stack);
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    const links = [];
    for (const id of hubspotIds) links.push(await settledInvoice(org.orgId, "hubspot", id, "synced", "the invoice in QuickBooks"));
    const calls = hubspotCalls.stop();

    // HubSpot's invoices had no due date: QuickBooks filled one in (from its terms), and it came back.
    for (const [n, link] of links.entries()) {
      const [hubspot, quickbooks] = await Promise.all([
        ctx.hubspot.getObject("invoices", hubspotIds[n]!, ["hs_due_date"]),
        ctx.quickbooks.get<QboInvoice>("Invoice", link.quickbooksId!),
      ]);
      expect(quickbooks.DueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(hubspot.properties.hs_due_date?.slice(0, 10)).toBe(quickbooks.DueDate);
    }
    expect(calls.filter((c) => c === "HubSpot PATCH /crm/v3/objects/invoices/{id}")).toEqual([]);
    expect(calls.filter((c) => c === "HubSpot GET /crm/v3/objects/invoices/{id}")).toEqual([]);
    expect(calls.filter((c) => c === "HubSpot POST /crm/v3/objects/invoices/batch/update").length).toBeGreaterThanOrEqual(1);
  }, 180_000);
});
