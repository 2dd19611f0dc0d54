/**
 * The initial invoice sync writes in batches: a page of invoices costs a handful of provider calls
 * for all of them (reads expanded in bulk, customers and items resolved once per page, creates in
 * batches), not several calls per invoice. Counted through the sandboxes' request counters, with
 * both sides then compared field by field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { recordLinks } from "../../db/schema";
import { runs } from "../../runtime/embedded/schema";
import type { HubSpotObject } from "../../providers/hubspot/types";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { createTestDatabase } from "../../testing/database";
import { connectNewOrg, eventually, startStack, type Stack } from "../../testing/stack";
import type { SyncContext } from "../context";
import { loadSyncConfig } from "../config";
import { links } from "../engine/testing";
import { createSyncContext } from "../org-context";
import { findChanges } from "../reconcile";

type Doc = Record<string, unknown> & { Id: string; SyncToken: string };
type QboLine = { DetailType?: string; Description?: string; SalesItemLineDetail?: { ItemRef: { value: string }; Qty: number; UnitPrice: number } };
type QboInvoice = Doc & { Line: QboLine[]; CustomerRef: { value: string }; DocNumber?: string; TxnDate?: string; DueDate?: string; Balance: number; TotalAmt: number };

const INVOICES = 120;
/** The target of issue 9: provider calls per synced invoice, each way. */
const MAX_CALLS_PER_INVOICE = 1.5;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

/** The initial invoice sync is done and every invoice's link has settled (the machine is shared: no tight deadline). */
const initialSyncSettled = (orgId: string, count = INVOICES) =>
  eventually(
    async () => {
      if ((await loadSyncConfig(db(), orgId, "invoices")).initialSyncRunId) return undefined;
      const rows = await links(orgId, "invoices");
      return rows.length === count && rows.every((r) => r.state !== "pending") ? rows : undefined;
    },
    "the initial invoice sync",
    150_000,
  );

/** The invoices' payments, which sync as records of their own once their invoices are linked, are linked and synced. */
const paymentsSettled = (orgId: string, count: number) =>
  eventually(
    async () => {
      const rows = await links(orgId, "payments");
      return rows.length === count && rows.every((r) => r.state === "synced") ? rows : undefined;
    },
    "the invoices' payments",
    150_000,
  );

/** The notifications of the setup have been delivered and the runs they queued are done (nothing left to count later). */
async function quiet(orgId: string) {
  const deadline = Date.now() + 120_000;
  for (let delivered = -1; ; ) {
    await new Promise((r) => setTimeout(r, 2_000));
    const now = stack.requestCounts.get("/api/webhooks/hubspot") ?? 0;
    const rows = await db().select().from(runs).where(sql`${runs.event}->'data'->>'orgId' = ${orgId}`);
    const idle = rows.filter((r) => r.workflowId !== "poll-quickbooks").every((r) => r.status === "completed" || r.status === "failed");
    if (now === delivered && idle) return;
    if (Date.now() > deadline) throw new Error("Gave up waiting for the setup's notifications to settle");
    delivered = now;
  }
}

const providerCalls = () => (stack.requestCounts.get("/sandbox/hubspot/api") ?? 0) + (stack.requestCounts.get("/sandbox/quickbooks/v3") ?? 0);

/** Every HubSpot invoice with its contact's email and its line items, read straight from the API. */
async function hubspotInvoices(ctx: SyncContext) {
  const invoices: HubSpotObject[] = [];
  let after: string | null = null;
  do {
    const page = await ctx.hubspot.listPage(
      "invoices",
      ["hs_number", "hs_invoice_date", "hs_due_date", "hs_amount_billed", "hs_balance_due", "hs_invoice_status", "hs_currency", "tandem_quickbooks_id"],
      after,
      100,
      ["contacts", "line_items"],
    );
    invoices.push(...page.results);
    after = page.after;
  } while (after);
  const ids = (invoice: HubSpotObject, key: string) => (invoice.associations?.[key]?.results ?? []).map((r) => String(r.id));
  const contacts = new Map((await ctx.hubspot.batchRead("contacts", [...new Set(invoices.flatMap((i) => ids(i, "contacts")))], ["email"])).map((c) => [c.id, c.properties.email]));
  const items = new Map(
    (await ctx.hubspot.batchRead("line_items", invoices.flatMap((i) => ids(i, "line items")), ["name", "hs_sku", "description", "quantity", "price", "hs_product_id"])).map((i) => [i.id, i]),
  );
  return invoices.map((invoice) => ({
    invoice,
    contacts: ids(invoice, "contacts").map((id) => contacts.get(id)),
    lines: ids(invoice, "line items")
      .map((id) => items.get(id)!)
      .sort((a, b) => Number(a.id) - Number(b.id)),
  }));
}

describe("the initial sync of QuickBooks invoices to HubSpot", () => {
  it(`creates ${INVOICES} invoices with ${MAX_CALLS_PER_INVOICE} provider calls per invoice at most, each the same on both sides`, async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const account = Number(org.hubspotPortalId);
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    const skus = ["B-1", "B-2", "B-3"];
    const items: Array<Doc & { Sku: string }> = [];
    for (const [n, sku] of skus.entries()) {
      items.push(await ctx.quickbooks.create<Doc & { Sku: string }>("Item", { Name: `Batch item ${sku}`, Sku: sku, Type: "Service", UnitPrice: 10 + n, IncomeAccountRef: { value: income!.Id } }, `batch-item-${sku}`));
    }
    // One SKU has its HubSpot product (lines link to it); one customer already has a HubSpot contact (matched by email).
    const product = await hubspotUi.createProduct(account, { name: "Batch item B-1", price: "10", sku: "B-1" });
    await hubspotUi.createContact(account, { email: "buyer0@batch.test", firstname: "Existing", lastname: "Buyer", company: "" });
    const customers = [];
    for (let c = 0; c < 12; c++) {
      customers.push(await ctx.quickbooks.create<Doc & { PrimaryEmailAddr: { Address: string } }>("Customer", { DisplayName: `Buyer ${c}`, GivenName: "Buyer", FamilyName: `N${c}`, PrimaryEmailAddr: { Address: `buyer${c}@batch.test` } }, `batch-customer-${c}`));
    }
    const invoices: QboInvoice[] = [];
    for (let i = 0; i < INVOICES; i++) {
      const lines = Array.from({ length: 1 + (i % 3) }, (_, n) => {
        const item = items[(i + n) % items.length]!;
        const qty = 1 + ((i + n) % 4);
        const price = 10 + n + (i % 7);
        return { DetailType: "SalesItemLineDetail", Amount: qty * price, Description: `Work ${i}.${n}`, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: qty, UnitPrice: price } };
      });
      const day = String(1 + (i % 28)).padStart(2, "0");
      const invoice = await ctx.quickbooks.create<QboInvoice>(
        "Invoice",
        { CustomerRef: { value: customers[i % customers.length]!.Id }, DocNumber: `QB-${1000 + i}`, TxnDate: `2026-10-${day}`, DueDate: `2026-11-${day}`, Line: lines },
        `batch-invoice-${i}`,
      );
      // Every fifth invoice is partly paid: its payment reaches HubSpot as a payment of its own.
      if (i % 5 === 0) {
        await ctx.quickbooks.create("Payment", { CustomerRef: invoice.CustomerRef, TotalAmt: 5, Line: [{ Amount: 5, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }] }, `batch-pay-${i}`);
      }
      invoices.push(invoice);
    }

    // The notifications of the setup are delivered before the count (they would start runs of their own).
    await quiet(org.orgId);
    stack.requestCounts.clear();
    // Two-way: with QuickBooks → HubSpot only, payments (and so balances) don't sync.
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "two_way" });
    await initialSyncSettled(org.orgId);
    const calls = providerCalls();
    console.log(`QuickBooks → HubSpot: ${calls} provider calls for ${INVOICES} invoices (${(calls / INVOICES).toFixed(3)} per invoice)`);
    expect(calls / INVOICES).toBeLessThanOrEqual(MAX_CALLS_PER_INVOICE);
    // The payments come after their invoices, as records of their own.
    await paymentsSettled(org.orgId, INVOICES / 5);

    const overview = await org.caller.sync.overview();
    expect(overview.find((o) => o.object === "invoices")?.counts).toMatchObject({ synced: INVOICES });
    const inQuickBooks = new Map((await ctx.quickbooks.queryAll<QboInvoice>("Invoice")).map((q) => [q.Id, q]));
    const skuOf = new Map(items.map((item) => [item.Id, item.Sku]));
    const emailOf = new Map(customers.map((c) => [c.Id, c.PrimaryEmailAddr.Address]));
    const inHubSpot = await hubspotInvoices(ctx);
    expect(inHubSpot).toHaveLength(INVOICES);
    for (const { invoice, contacts, lines } of inHubSpot) {
      const q = inQuickBooks.get(invoice.properties.tandem_quickbooks_id!)!;
      const p = invoice.properties;
      expect({ number: p.hs_number, date: p.hs_invoice_date?.slice(0, 10), due: p.hs_due_date?.slice(0, 10), billed: Number(p.hs_amount_billed), balance: Number(p.hs_balance_due), contacts }).toEqual({
        number: q.DocNumber,
        date: q.TxnDate,
        due: q.DueDate,
        billed: q.TotalAmt,
        balance: q.Balance,
        contacts: [emailOf.get(q.CustomerRef.value)],
      });
      expect(p.hs_invoice_status).toBe(q.Balance === 0 ? "paid" : "open");
      const qLines = q.Line.filter((l) => l.DetailType === "SalesItemLineDetail");
      expect(lines.map((l) => ({ sku: l.properties.hs_sku, description: l.properties.description, quantity: Number(l.properties.quantity), price: Number(l.properties.price) }))).toEqual(
        qLines.map((l) => ({ sku: skuOf.get(l.SalesItemLineDetail!.ItemRef.value), description: l.Description, quantity: l.SalesItemLineDetail!.Qty, price: l.SalesItemLineDetail!.UnitPrice })),
      );
      for (const line of lines) expect(line.properties.hs_product_id ?? null).toBe(line.properties.hs_sku === "B-1" ? String(product.id) : null);
    }
    // The existing contact was matched by email, not made twice; the other customers became contacts.
    const contacts = await ctx.hubspot.listAll("contacts", ["email"]);
    expect(contacts.map((c) => c.properties.email).sort()).toEqual(customers.map((c) => c.PrimaryEmailAddr.Address).sort());
    // Partly paid invoices carry their payment on both sides.
    expect(invoices.filter((_, i) => i % 5 === 0).every((q) => inQuickBooks.get(q.Id)!.Balance === q.TotalAmt - 5)).toBe(true);

    // Reconciliation reads the invoices Tandem just made back in batches and finds them unchanged
    // (no sync run each); a link whose snapshot differs from HubSpot's invoice it does find.
    await quiet(org.orgId);
    stack.requestCounts.clear();
    const unchanged = (await findChanges(db(), org.orgId)).changes.filter((c) => c.object === "invoices");
    expect(unchanged).toEqual([]);
    // At most one HubSpot call per 10 invoices, and the payments' search and two batch reads.
    expect(stack.requestCounts.get("/sandbox/hubspot/api") ?? 0).toBeLessThanOrEqual(INVOICES / 10 + 3);
    const [stale] = await links(org.orgId, "invoices");
    await db().update(recordLinks).set({ hubspotSnapshot: { ...stale!.hubspotSnapshot, memo: "Memo before someone's edit" } }).where(eq(recordLinks.id, stale!.id));
    const found = (await findChanges(db(), org.orgId)).changes.filter((c) => c.object === "invoices");
    expect(found).toEqual([expect.objectContaining({ side: "hubspot", recordId: stale!.hubspotId })]);
  }, 400_000);
});

describe("the initial sync of finalized HubSpot invoices to QuickBooks", () => {
  it(`creates ${INVOICES} invoices with ${MAX_CALLS_PER_INVOICE} provider calls per invoice at most, each the same on both sides`, async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const account = Number(org.hubspotPortalId);
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    const skus = ["H-1", "H-2", "H-3"];
    const items: Array<Doc & { Sku?: string; Name: string }> = [];
    const products = [];
    for (const sku of skus) {
      items.push(await ctx.quickbooks.create<Doc & { Sku: string; Name: string }>("Item", { Name: `Hub item ${sku}`, Sku: sku, Type: "Service", UnitPrice: 12, IncomeAccountRef: { value: income!.Id } }, `hub-item-${sku}`));
      products.push(await hubspotUi.createProduct(account, { name: `Hub item ${sku}`, price: "12", sku }));
    }
    // One contact's customer is already in QuickBooks: matched by email, not made twice.
    await ctx.quickbooks.create("Customer", { DisplayName: "Existing Payer", PrimaryEmailAddr: { Address: "payer0@hub.test" } }, "hub-existing-customer");
    const contacts = [];
    for (let c = 0; c < 12; c++) contacts.push(await hubspotUi.createContact(account, { email: `payer${c}@hub.test`, firstname: "Payer", lastname: `N${c}`, company: "" }));

    // The sync's start is the cut-off for HubSpot invoices: it starts, is switched off, and the invoices are finalized meanwhile.
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "to_quickbooks" });
    await initialSyncSettled(org.orgId, 0);
    await org.caller.sync.updateSettings({ object: "invoices", enabled: false });
    for (let i = 0; i < INVOICES; i++) {
      const id = Number((await hubspotUi.createDraftInvoice(account, { title: `Hub ${i}`, currency: "USD" })).id);
      for (let n = 0; n < 1 + (i % 3); n++) {
        await hubspotUi.addLineItem(
          account,
          id,
          n % 2 === 0 ? { productId: String(products[(i + n) % products.length]!.id), quantity: String(1 + ((i + n) % 4)) } : { name: `Custom work ${i}.${n}`, price: String(15 + (i % 5)), quantity: "2" },
        );
      }
      await hubspotUi.associateContact(account, id, Number(contacts[i % contacts.length]!.id));
      await hubspotUi.updateRecord(account, "invoices", id, { hs_due_date: `2026-12-${String(1 + (i % 28)).padStart(2, "0")}` });
      await hubspotUi.setInvoiceStatus(account, id, "open");
      // Every fifth invoice is partly paid: its payment reaches QuickBooks as a payment of its own.
      if (i % 5 === 0) await hubspotUi.recordPayment(account, id, { amount: "5", method: "cash" });
    }
    await quiet(org.orgId);

    stack.requestCounts.clear();
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    const rows = await initialSyncSettled(org.orgId, INVOICES);
    const calls = providerCalls();
    console.log(`HubSpot → QuickBooks: ${calls} provider calls for ${INVOICES} invoices (${(calls / INVOICES).toFixed(3)} per invoice)`);
    expect(calls / INVOICES).toBeLessThanOrEqual(MAX_CALLS_PER_INVOICE);
    await paymentsSettled(org.orgId, INVOICES / 5);
    expect(rows.map((r) => r.state)).toEqual(rows.map(() => "synced"));

    const quickbooksIdOf = new Map(rows.map((r) => [r.hubspotId!, r.quickbooksId!]));
    const inQuickBooks = new Map((await ctx.quickbooks.queryAll<QboInvoice>("Invoice")).map((q) => [q.Id, q]));
    expect(inQuickBooks.size).toBe(INVOICES);
    const allItems = new Map((await ctx.quickbooks.queryAll<Doc & { Sku?: string; Name: string }>("Item")).map((i) => [i.Id, i]));
    const customers = await ctx.quickbooks.queryAll<Doc & { PrimaryEmailAddr?: { Address: string } }>("Customer");
    const emailOf = new Map(customers.map((c) => [c.Id, c.PrimaryEmailAddr?.Address]));
    for (const { invoice, contacts: emails, lines } of await hubspotInvoices(ctx)) {
      const q = inQuickBooks.get(quickbooksIdOf.get(invoice.id)!)!;
      const p = invoice.properties;
      expect({ number: q.DocNumber, date: q.TxnDate, due: q.DueDate, billed: q.TotalAmt, balance: q.Balance, customer: emailOf.get(q.CustomerRef.value) }).toEqual({
        number: p.hs_number,
        date: p.hs_invoice_date?.slice(0, 10),
        due: p.hs_due_date?.slice(0, 10),
        billed: Number(p.hs_amount_billed),
        balance: Number(p.hs_balance_due),
        customer: emails[0],
      });
      const qLines = q.Line.filter((l) => l.DetailType === "SalesItemLineDetail");
      expect(
        qLines.map((l) => {
          const item = allItems.get(l.SalesItemLineDetail!.ItemRef.value)!;
          return { item: item.Name, sku: item.Sku ?? null, description: l.Description, quantity: l.SalesItemLineDetail!.Qty, price: l.SalesItemLineDetail!.UnitPrice };
        }),
      ).toEqual(
        lines.map((l) => ({
          item: l.properties.hs_sku ? `Hub item ${l.properties.hs_sku.toUpperCase()}` : "Custom line item",
          sku: l.properties.hs_sku ?? null,
          description: l.properties.description || l.properties.name,
          quantity: Number(l.properties.quantity),
          price: Number(l.properties.price),
        })),
      );
    }
    // Each contact became one customer (the existing one matched), and the partly paid invoices carry their payment on both sides.
    expect(customers.map((c) => c.PrimaryEmailAddr?.Address).sort()).toEqual(contacts.map((c) => c.properties.email).sort());
    expect([...inQuickBooks.values()].filter((q) => q.Balance === q.TotalAmt - 5)).toHaveLength(INVOICES / 5);
  }, 400_000);
});
