import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "../../db/client";
import type { QboItem } from "../../providers/quickbooks/types";
import { runs } from "../../runtime/embedded/schema";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { createTestDatabase } from "../../testing/database";
import { connectNewOrg, eventually, startStack, type Stack } from "../../testing/stack";
import { loadObjectEnv } from "../engine/object-env";
import { syncOne } from "../engine/sync-one";
import { initialSyncDone, initialSyncRunCompleted, linkBy } from "../engine/testing";
import { createSyncContext } from "../org-context";
import { hubspotUiContact, invoiceLink, invoiceSides, settledInvoice } from "./invoice-testing";

type QboInvoice = { Id: string; SyncToken: string; Line: Array<{ DetailType?: string; SalesItemLineDetail?: { ItemRef: { value: string }; Qty: number; UnitPrice: number } }> };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

it("syncs a line's product to QuickBooks before the invoice, so the line is on the product's item, never on the Custom line item or a second item", async () => {
  const org = await connectNewOrg(stack);
  const ctx = await createSyncContext(db(), org.orgId);
  const account = Number(org.hubspotPortalId);
  for (const object of ["products", "invoices"] as const) {
    await org.caller.sync.updateSettings({ object, enabled: true, direction: "two_way" });
    await initialSyncRunCompleted(org.orgId, object);
    await initialSyncDone(org.orgId, object, 0);
  }
  // No notification reaches Tandem: the product's own sync hasn't run when the invoice syncs.
  await stack.hubspotAdmin("PUT", `/accounts/${account}/faults`, { webhookDropRate: 1 });
  const product = await hubspotUi.createProduct(account, { name: "Gizmo", price: "30", sku: "G-1" });
  const contact = await hubspotUi.createContact(account, { email: "gizmo-buyer@example.test", firstname: "Gil", lastname: "Moe", company: "" });
  const draft = await hubspotUi.createDraftInvoice(account, { title: "Gizmos", currency: "USD" });
  await hubspotUi.addLineItem(account, Number(draft.id), { productId: String(product.id), quantity: "2" });
  await hubspotUi.addLineItem(account, Number(draft.id), { name: "Setup fee", price: "50", quantity: "1" });
  await hubspotUi.associateContact(account, Number(draft.id), Number(contact.id));
  await hubspotUi.setInvoiceStatus(account, Number(draft.id), "open");
  expect(await ctx.quickbooks.queryAll<QboItem>("Item", "Sku = 'G-1'")).toEqual([]);

  // As the notification's sync would have.
  const env = await loadObjectEnv(db(), org.orgId, "invoices");
  const outcome = await syncOne(env, "hubspot", String(draft.id));
  expect(outcome.status).toBe("created");
  await stack.hubspotAdmin("PUT", `/accounts/${account}/faults`, { webhookDropRate: 0 });

  const [item] = await ctx.quickbooks.queryAll<QboItem>("Item", "Sku = 'G-1'");
  expect(item).toMatchObject({ Name: "Gizmo", UnitPrice: 30, Sku: "G-1" });
  expect(await linkBy(org.orgId, "products", "hubspot", String(product.id))).toMatchObject({ state: "synced", quickbooksId: item!.Id });
  const link = (await invoiceLink(org.orgId, "hubspot", String(draft.id)))!;
  const invoice = await ctx.quickbooks.get<QboInvoice>("Invoice", link.quickbooksId!);
  const items = await ctx.quickbooks.queryAll<QboItem>("Item");
  const sales = invoice.Line.filter((l) => l.DetailType === "SalesItemLineDetail").map((l) => l.SalesItemLineDetail!);
  expect(sales.map((l) => [items.find((i) => i.Id === l.ItemRef.value)?.Name, l.Qty, l.UnitPrice])).toEqual([
    ["Gizmo", 2, 30],
    ["Custom line item", 1, 50],
  ]);
  const sides = await invoiceSides(org.orgId, link);
  expect(sides.quickbooks).toEqual(sides.hubspot);
  expect(sides.hubspot.lines).toEqual([
    ["G-1", 2, 30],
    [null, 1, 50],
  ]);

  // The product's own later change finds its link: the same item is updated, no second one made.
  await hubspotUi.updateRecord(account, "products", Number(product.id), { price: "35" });
  await eventually(async () => (await ctx.quickbooks.get<QboItem>("Item", item!.Id)).UnitPrice === 35, "the price edit on the QuickBooks item");
  expect((await ctx.quickbooks.queryAll<QboItem>("Item", "Sku = 'G-1'")).map((i) => i.Id)).toEqual([item!.Id]);
}, 90_000);

it("retries an invoice that waited for its line's product once the product is fixed and syncs, without a retry from the user", async () => {
  const org = await connectNewOrg(stack);
  const ctx = await createSyncContext(db(), org.orgId);
  const account = Number(org.hubspotPortalId);
  const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
  await ctx.quickbooks.create<QboItem>("Item", { Name: "Gadget", Sku: "QB-GADGET", Type: "Service", UnitPrice: 10, IncomeAccountRef: { value: income!.Id } }, "seed-gadget");
  for (const object of ["products", "invoices"] as const) {
    await org.caller.sync.updateSettings({ object, enabled: true, direction: "two_way" });
    await initialSyncRunCompleted(org.orgId, object);
  }
  await initialSyncDone(org.orgId, "products", 1);

  // A HubSpot product named like another QuickBooks item: QuickBooks refuses the name (6240).
  const product = await hubspotUi.createProduct(account, { name: "Gadget", price: "30", sku: "HS-GADGET" });
  await eventually(async () => (await linkBy(org.orgId, "products", "hubspot", String(product.id)))?.errorCode === "DUPLICATE_ITEM_NAME", "the product's name clash");
  const contactId = await hubspotUiContact({ hubspotPortalId: account }, "gadget-buyer@example.test");
  const draft = await hubspotUi.createDraftInvoice(account, { title: "Gadgets", currency: "USD" });
  await hubspotUi.addLineItem(account, Number(draft.id), { productId: String(product.id), quantity: "3" });
  await hubspotUi.associateContact(account, Number(draft.id), Number(contactId));
  await hubspotUi.setInvoiceStatus(account, Number(draft.id), "open");

  // The invoice waits for the product until its retries run out.
  const waiting = await eventually(async () => {
    const link = await invoiceLink(org.orgId, "hubspot", String(draft.id));
    if (link?.errorCode !== "PRODUCT_NOT_SYNCED") return undefined;
    const invoiceRuns = await db()
      .select({ status: runs.status })
      .from(runs)
      .where(sql`${runs.workflowId} = 'sync-record' and ${runs.event}->'data'->>'orgId' = ${org.orgId} and ${runs.event}->'data'->>'recordId' = ${String(draft.id)}`);
    return invoiceRuns.length > 0 && invoiceRuns.every((r) => r.status === "failed" || r.status === "completed") ? link : undefined;
  }, "the invoice to give up waiting for its product");
  expect(waiting).toMatchObject({ state: "failed", quickbooksId: null });
  expect(waiting.errorDetail).toBe("The product “Gadget” (SKU HS-GADGET) failed to sync: Duplicate item name.");

  // The user renames the product in HubSpot: it syncs, and the invoice follows on its own.
  await hubspotUi.updateRecord(account, "products", Number(product.id), { name: "Gadget Pro" });
  const synced = await settledInvoice(org.orgId, "hubspot", String(draft.id), "synced", "the waiting invoice to sync");
  const [item] = await ctx.quickbooks.queryAll<QboItem>("Item", "Sku = 'HS-GADGET'");
  expect(item).toMatchObject({ Name: "Gadget Pro", UnitPrice: 30 });
  const invoice = await ctx.quickbooks.get<QboInvoice>("Invoice", synced.quickbooksId!);
  expect(invoice.Line.filter((l) => l.DetailType === "SalesItemLineDetail").map((l) => [l.SalesItemLineDetail!.ItemRef.value, l.SalesItemLineDetail!.Qty, l.SalesItemLineDetail!.UnitPrice])).toEqual([
    [item!.Id, 3, 30],
  ]);
  const sides = await invoiceSides(org.orgId, synced);
  expect(sides.quickbooks).toEqual(sides.hubspot);
}, 120_000);
