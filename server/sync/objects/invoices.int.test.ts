import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { recordLinks } from "../../db/schema";
import { decodeLines } from "../engine/lines";
import type { HubSpotObject } from "../../providers/hubspot/types";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { connectNewOrg, eventually, startStack, type Stack } from "../../testing/stack";
import { createTestDatabase } from "../../testing/database";
import { createSyncContext } from "../org-context";
import type { SyncContext } from "../context";
import { settledInvoice } from "./invoice-testing";

type Doc = Record<string, unknown> & { Id: string; SyncToken: string };
type QboLine = Record<string, unknown> & { DetailType?: string; SalesItemLineDetail: { ItemRef: { value: string }; Qty: number; UnitPrice: number } };
type QboInvoice = Doc & { Line: QboLine[]; CustomerRef: { value: string }; DocNumber?: string; Balance: number; TotalAmt: number; PrivateNote?: string };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

async function invoiceLink(orgId: string, side: "hubspot" | "quickbooks", id: string) {
  const column = side === "hubspot" ? recordLinks.hubspotId : recordLinks.quickbooksId;
  return db().query.recordLinks.findFirst({ where: and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, "invoices"), eq(column, id)) });
}

async function hubspotInvoice(ctx: SyncContext, id: string): Promise<HubSpotObject> {
  return ctx.hubspot.getObject("invoices", id, ["hs_invoice_status", "hs_balance_due", "hs_amount_billed", "hs_number", "hs_invoice_source", "tandem_quickbooks_id"], ["contacts", "line_items"]);
}

async function hubspotLines(ctx: SyncContext, invoice: HubSpotObject) {
  const ids = (invoice.associations?.["line items"]?.results ?? []).map((r) => String(r.id));
  const items = await ctx.hubspot.batchRead("line_items", ids, ["name", "hs_sku", "quantity", "price"]);
  return items.sort((a, b) => Number(a.id) - Number(b.id)).map((i) => ({ sku: i.properties.hs_sku ?? null, quantity: Number(i.properties.quantity), price: Number(i.properties.price) }));
}

describe("invoices from HubSpot to QuickBooks", () => {
  let org: Awaited<ReturnType<typeof connectNewOrg>>;
  let ctx: SyncContext;
  let account: number;
  let invoiceId: number;
  let qboId: string;

  beforeAll(async () => {
    org = await connectNewOrg(stack);
    ctx = await createSyncContext(db(), org.orgId);
    account = Number(org.hubspotPortalId);
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    await ctx.quickbooks.create("Item", { Name: "Widget", Sku: "W-1", Type: "Service", UnitPrice: 20, IncomeAccountRef: { value: income!.Id } }, "seed-widget");
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    await eventually(async () => (await org.caller.sync.overview()).length > 0, "the settings");
  });

  it("leaves drafts out, then sends the finalized invoice with its customer, lines by SKU and number", async () => {
    const contact = await hubspotUi.createContact(account, { email: "pat@example.test", firstname: "Pat", lastname: "Moss", company: "Moss Ltd" });
    const product = await hubspotUi.createProduct(account, { name: "Widget", price: "20", sku: "W-1" });
    const draft = await hubspotUi.createDraftInvoice(account, { title: "November", currency: "USD" });
    invoiceId = Number(draft.id);
    await hubspotUi.addLineItem(account, invoiceId, { productId: String(product.id), quantity: "2" });
    await hubspotUi.addLineItem(account, invoiceId, { name: "Setup fee", price: "50", quantity: "1" });
    await hubspotUi.associateContact(account, invoiceId, Number(contact.id));
    const excluded = await eventually(async () => {
      const link = await invoiceLink(org.orgId, "hubspot", String(invoiceId));
      return link?.state === "excluded" ? link : undefined;
    }, "the draft to be left out");
    expect(excluded.excludedReason).toMatch(/Drafts never sync/);

    await hubspotUi.setInvoiceStatus(account, invoiceId, "open");
    const synced = await eventually(async () => {
      const link = await invoiceLink(org.orgId, "hubspot", String(invoiceId));
      return link?.state === "synced" ? link : undefined;
    }, "the finalized invoice to reach QuickBooks");
    qboId = synced.quickbooksId!;
    const invoice = await ctx.quickbooks.get<QboInvoice>("Invoice", qboId);
    const hs = await hubspotInvoice(ctx, String(invoiceId));
    expect(invoice.DocNumber).toBe(hs.properties.hs_number);
    expect(invoice.TotalAmt).toBe(90);
    const customer = await ctx.quickbooks.get<Doc & { PrimaryEmailAddr?: { Address: string }; DisplayName: string }>("Customer", invoice.CustomerRef.value);
    expect(customer.PrimaryEmailAddr?.Address).toBe("pat@example.test");
    expect(customer.DisplayName).toBe("Moss Ltd");
    const items = await ctx.quickbooks.queryAll<{ Id: string; Name: string; Sku?: string }>("Item");
    const itemName = (line: QboLine) => items.find((i) => i.Id === line.SalesItemLineDetail.ItemRef.value)?.Name;
    const lines = invoice.Line.filter((l) => l.DetailType === "SalesItemLineDetail");
    expect(lines.map((l) => [itemName(l), l.SalesItemLineDetail.Qty, l.SalesItemLineDetail.UnitPrice])).toEqual([
      ["Widget", 2, 20],
      ["Custom line item", 1, 50],
    ]);
    // No second customer or invoice for the same contact and invoice.
    expect((await ctx.quickbooks.queryAll("Customer", "PrimaryEmailAddr = 'pat@example.test'")).length).toBe(1);
    expect((await ctx.quickbooks.queryAll("Invoice")).length).toBe(1);
  });

  it("marks the HubSpot invoice paid when the payment is received in QuickBooks", async () => {
    const invoice = await ctx.quickbooks.get<QboInvoice>("Invoice", qboId);
    await ctx.quickbooks.create(
      "Payment",
      { CustomerRef: invoice.CustomerRef, TotalAmt: 30, Line: [{ Amount: 30, LinkedTxn: [{ TxnId: qboId, TxnType: "Invoice" }] }] },
      "partial-payment",
    );
    await eventually(async () => (await hubspotInvoice(ctx, String(invoiceId))).properties.hs_balance_due === "60", "the partial payment in HubSpot");
    expect((await hubspotInvoice(ctx, String(invoiceId))).properties.hs_invoice_status).toBe("open");
    await ctx.quickbooks.create(
      "Payment",
      { CustomerRef: invoice.CustomerRef, TotalAmt: 60, Line: [{ Amount: 60, LinkedTxn: [{ TxnId: qboId, TxnType: "Invoice" }] }] },
      "final-payment",
    );
    const paid = await eventually(async () => {
      const hs = await hubspotInvoice(ctx, String(invoiceId));
      return hs.properties.hs_invoice_status === "paid" ? hs : undefined;
    }, "the HubSpot invoice to show paid");
    expect(paid.properties.hs_balance_due).toBe("0");
    expect((await ctx.quickbooks.get<QboInvoice>("Invoice", qboId)).Balance).toBe(0);
  });

  it("refuses line changes made in QuickBooks to a HubSpot invoice until they are reverted", async () => {
    const before = await hubspotLines(ctx, await hubspotInvoice(ctx, String(invoiceId)));
    let invoice = await ctx.quickbooks.get<QboInvoice>("Invoice", qboId);
    const original = invoice.Line.filter((l) => l.DetailType === "SalesItemLineDetail");
    const changed = original.map((l, i) => (i === 0 ? { ...l, Amount: 60, SalesItemLineDetail: { ...l.SalesItemLineDetail, Qty: 3 } } : l));
    invoice = await ctx.quickbooks.update<QboInvoice>("Invoice", { Id: qboId, SyncToken: invoice.SyncToken, Line: changed }, "edit-outside");
    const failed = await eventually(async () => {
      const link = await invoiceLink(org.orgId, "quickbooks", qboId);
      return link?.state === "failed" ? link : undefined;
    }, "the edit to be refused");
    expect(failed.errorCode).toBe("EDITED_OUTSIDE_HUBSPOT");
    const [record] = (await org.caller.sync.records({ object: "invoices", state: "failed" })).items;
    expect(record?.error?.explanation).toMatch(/Make all changes in HubSpot/);
    expect(await hubspotLines(ctx, await hubspotInvoice(ctx, String(invoiceId)))).toEqual(before);
    // The paid invoice's QuickBooks balance rose with its amount; that is no refund: HubSpot stays paid.
    expect((await ctx.quickbooks.get<QboInvoice>("Invoice", qboId)).Balance).toBeGreaterThan(0);
    expect((await hubspotInvoice(ctx, String(invoiceId))).properties).toMatchObject({ hs_invoice_status: "paid", hs_balance_due: "0" });
    // Another pass over the record finds the same difference: it stays failed instead of turning "synced".
    const { queuedAt } = await org.caller.sync.retry({ id: failed.id });
    await eventually(async () => ((await invoiceLink(org.orgId, "quickbooks", qboId))?.updatedAt ?? 0) > queuedAt, "the retry to run");
    expect(await invoiceLink(org.orgId, "quickbooks", qboId)).toMatchObject({ state: "failed", errorCode: "EDITED_OUTSIDE_HUBSPOT" });
    expect((await hubspotInvoice(ctx, String(invoiceId))).properties).toMatchObject({ hs_invoice_status: "paid", hs_balance_due: "0" });

    invoice = await ctx.quickbooks.get<QboInvoice>("Invoice", qboId);
    await ctx.quickbooks.update<QboInvoice>("Invoice", { Id: qboId, SyncToken: invoice.SyncToken, Line: original }, "revert-outside");
    await eventually(async () => (await invoiceLink(org.orgId, "quickbooks", qboId))?.state === "synced", "the reverted invoice to be synced again");
    expect((await ctx.quickbooks.get<QboInvoice>("Invoice", qboId)).Balance).toBe(0);
    expect((await hubspotInvoice(ctx, String(invoiceId))).properties).toMatchObject({ hs_invoice_status: "paid", hs_balance_due: "0" });
  });
});

describe("a custom invoice mapping", () => {
  it("carries the HubSpot PO number to the QuickBooks custom field \"PO Number\", and edits of it both ways", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const account = Number(org.hubspotPortalId);
    await org.caller.mappings.create({ object: "invoices", hubspotProperty: "hs_purchase_order_number", quickbooksPath: "CustomField:1" });
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "two_way" });

    const contact = await hubspotUi.createContact(account, { email: "po@example.test", firstname: "Po", lastname: "Buyer", company: "" });
    const draft = await hubspotUi.createDraftInvoice(account, { title: "Order", currency: "USD" });
    await hubspotUi.addLineItem(account, Number(draft.id), { name: "Parts", price: "12", quantity: "3" });
    await hubspotUi.associateContact(account, Number(draft.id), Number(contact.id));
    await hubspotUi.updateRecord(account, "invoices", Number(draft.id), { hs_purchase_order_number: "PO-7731" });
    await hubspotUi.setInvoiceStatus(account, Number(draft.id), "open");
    const synced = await eventually(async () => {
      const link = await invoiceLink(org.orgId, "hubspot", String(draft.id));
      return link?.state === "synced" ? link : undefined;
    }, "the invoice in QuickBooks");
    const poNumber = async () =>
      ((await ctx.quickbooks.get<QboInvoice & { CustomField?: Array<{ DefinitionId: string; Name?: string; StringValue?: string }> }>("Invoice", synced.quickbooksId!)).CustomField ?? []).find(
        (f) => f.DefinitionId === "1",
      );
    expect(await poNumber()).toMatchObject({ Name: "PO Number", StringValue: "PO-7731" });

    // Edited in HubSpot later: QuickBooks follows.
    await hubspotUi.updateRecord(account, "invoices", Number(draft.id), { hs_purchase_order_number: "PO-7732" });
    await eventually(async () => (await poNumber())?.StringValue === "PO-7732", "the PO number edit in QuickBooks");

    // Edited in QuickBooks: HubSpot follows, and both sides hold the same number.
    const current = await ctx.quickbooks.get<QboInvoice & { CustomField: Array<Record<string, unknown>> }>("Invoice", synced.quickbooksId!);
    const edited = current.CustomField.map((f) => (f.DefinitionId === "1" ? { ...f, StringValue: "PO-7733" } : f));
    await ctx.quickbooks.update("Invoice", { Id: current.Id, SyncToken: current.SyncToken, CustomField: edited }, "po-edit-in-quickbooks");
    const hubspotPo = async () => (await ctx.hubspot.getObject("invoices", String(draft.id), ["hs_purchase_order_number"])).properties.hs_purchase_order_number;
    await eventually(async () => (await hubspotPo()) === "PO-7733", "the PO number edit in HubSpot");
    expect(await poNumber()).toMatchObject({ Name: "PO Number", StringValue: await hubspotPo() });
    expect(await invoiceLink(org.orgId, "hubspot", String(draft.id))).toMatchObject({ state: "synced", errorCode: null });
  });
});

describe("the billing email mapping", () => {
  it("sends the invoice contact's email as QuickBooks' billing email, reports an edit of it in QuickBooks and restores it on resync; switched off, leaves it alone", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const account = Number(org.hubspotPortalId);
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "two_way" });
    const billingEmail = (await org.caller.mappings.list({ object: "invoices" })).mappings.find((m) => m.key === "billingEmail")!;
    expect(billingEmail).toMatchObject({ enabled: true, direction: "to_quickbooks", quickbooksPath: "BillEmail.Address", hubspotField: "the invoice contact's email" });
    await expect(org.caller.mappings.update({ id: billingEmail.id, direction: "both" })).rejects.toThrow(/no billing email of their own/);

    const contact = await hubspotUi.createContact(account, { email: "Bill.Payer@example.test", firstname: "Bill", lastname: "Payer", company: "" });
    const draft = await hubspotUi.createDraftInvoice(account, { title: "Billing", currency: "USD" });
    await hubspotUi.addLineItem(account, Number(draft.id), { name: "Hours", price: "40", quantity: "2" });
    await hubspotUi.associateContact(account, Number(draft.id), Number(contact.id));
    await hubspotUi.setInvoiceStatus(account, Number(draft.id), "open");
    const synced = await settledInvoice(org.orgId, "hubspot", String(draft.id), "synced", "the invoice in QuickBooks");
    const qboInvoice = () => ctx.quickbooks.get<QboInvoice & { BillEmail?: { Address: string } }>("Invoice", synced.quickbooksId!);
    expect((await qboInvoice()).BillEmail?.Address).toBe("bill.payer@example.test");

    // Changed in QuickBooks: HubSpot has nowhere to take it, so the record says so, and a resync puts the contact's email back.
    const editBillEmail = async (address: string, key: string) => {
      const current = await qboInvoice();
      await ctx.quickbooks.update("Invoice", { Id: current.Id, SyncToken: current.SyncToken, sparse: true, BillEmail: { Address: address } }, key);
    };
    await editBillEmail("ap@example.test", "bill-email-edit-1");
    const outOfStep = await eventually(async () => {
      const link = await invoiceLink(org.orgId, "quickbooks", synced.quickbooksId!);
      return link?.errorCode === "ONE_WAY_EDIT" ? link : undefined;
    }, "the QuickBooks edit to be reported");
    expect(outOfStep.errorDetail).toMatch(/Billing email/);
    await org.caller.sync.resync({ id: synced.id });
    await eventually(async () => (await qboInvoice()).BillEmail?.Address === "bill.payer@example.test", "the contact's email back in QuickBooks");
    await eventually(async () => (await invoiceLink(org.orgId, "hubspot", String(draft.id)))?.state === "synced", "the invoice synced again");

    // Switched off: an edit in QuickBooks is no difference, and a resync leaves it as it is.
    await org.caller.mappings.update({ id: billingEmail.id, enabled: false });
    await editBillEmail("ap@example.test", "bill-email-edit-2");
    const resyncedAfter = new Date();
    await org.caller.sync.resync({ id: synced.id });
    await eventually(async () => {
      const link = await invoiceLink(org.orgId, "hubspot", String(draft.id));
      return link?.state === "synced" && link.lastSyncedAt! > resyncedAfter ? link : undefined;
    }, "the resync with the mapping off");
    expect((await qboInvoice()).BillEmail?.Address).toBe("ap@example.test");
  });
});

describe("invoice line mappings", () => {
  it("with line descriptions and quantities switched off, sends lines as 1 × amount without descriptions and keeps QuickBooks' own descriptions and splits; the unit price can't be switched off", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const account = Number(org.hubspotPortalId);
    const lineMappings = (await org.caller.mappings.list({ object: "invoices", collection: "lines" })).mappings;
    expect(lineMappings.map((m) => [m.key, m.enabled])).toEqual([
      ["lineDescription", true],
      ["lineQuantity", true],
      ["lineUnitPrice", true],
    ]);
    const byKey = (key: string) => lineMappings.find((m) => m.key === key)!;
    await expect(org.caller.mappings.update({ id: byKey("lineUnitPrice").id, enabled: false })).rejects.toThrow(/quantity × unit price/);
    await org.caller.mappings.update({ id: byKey("lineDescription").id, enabled: false });
    await org.caller.mappings.update({ id: byKey("lineQuantity").id, enabled: false });

    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    await ctx.quickbooks.create("Item", { Name: "Gadget", Sku: "G-1", Type: "Service", UnitPrice: 20, IncomeAccountRef: { value: income!.Id } }, "seed-gadget");
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "two_way" });
    const contact = await hubspotUi.createContact(account, { email: "lines@example.test", firstname: "Lina", lastname: "Parts", company: "" });
    const product = await hubspotUi.createProduct(account, { name: "Gadget", price: "20", sku: "G-1" });
    const draft = await hubspotUi.createDraftInvoice(account, { title: "Parts", currency: "USD" });
    await hubspotUi.addLineItem(account, Number(draft.id), { productId: String(product.id), quantity: "3" });
    await hubspotUi.addLineItem(account, Number(draft.id), { name: "Setup fee", price: "50", quantity: "1" });
    await hubspotUi.associateContact(account, Number(draft.id), Number(contact.id));
    await hubspotUi.setInvoiceStatus(account, Number(draft.id), "open");
    const synced = await settledInvoice(org.orgId, "hubspot", String(draft.id), "synced", "the invoice in QuickBooks");
    type DescribedLine = QboLine & { Description?: string };
    const qboLines = async () => (await ctx.quickbooks.get<QboInvoice>("Invoice", synced.quickbooksId!)).Line.filter((l): l is DescribedLine => l.DetailType === "SalesItemLineDetail");
    const shape = (lines: DescribedLine[]) => lines.map((l) => [l.Description ?? null, l.SalesItemLineDetail.Qty, l.SalesItemLineDetail.UnitPrice]);
    expect(shape(await qboLines())).toEqual([
      [null, 1, 60],
      [null, 1, 50],
    ]);

    // QuickBooks' own description and split of the same amount are no edit of a HubSpot invoice's lines.
    const current = await ctx.quickbooks.get<QboInvoice>("Invoice", synced.quickbooksId!);
    const edited = current.Line.filter((l) => l.DetailType === "SalesItemLineDetail").map((l, index) =>
      index === 0 ? { ...l, Description: "Rush job (internal)" } : { ...l, Amount: 50, SalesItemLineDetail: { ...l.SalesItemLineDetail, Qty: 2, UnitPrice: 25 } },
    );
    await ctx.quickbooks.update("Invoice", { Id: current.Id, SyncToken: current.SyncToken, sparse: true, Line: edited }, "lines-own-parts");

    // A line added in HubSpot reaches QuickBooks as 1 × its amount; the lines already there keep QuickBooks' own parts.
    await hubspotUi.addLineItem(account, Number(draft.id), { name: "Support", price: "15", quantity: "4" });
    await eventually(async () => (await qboLines()).length === 3, "the added line in QuickBooks");
    expect(shape(await qboLines())).toEqual([
      ["Rush job (internal)", 1, 60],
      [null, 2, 25],
      [null, 1, 60],
    ]);
    const link = await eventually(async () => {
      const found = await invoiceLink(org.orgId, "hubspot", String(draft.id));
      return found?.state === "synced" ? found : undefined;
    }, "the invoice synced, not edited outside HubSpot");
    expect(link.errorCode).toBeNull();
    const hs = await hubspotInvoice(ctx, String(draft.id));
    expect(Number(hs.properties.hs_amount_billed)).toBe(170);
    expect((await ctx.quickbooks.get<QboInvoice>("Invoice", synced.quickbooksId!)).TotalAmt).toBe(170);
    const hubspotDescriptions = (await ctx.hubspot.batchRead("line_items", (hs.associations?.["line items"]?.results ?? []).map((r) => String(r.id)), ["description", "quantity"])).map(
      (item) => [item.properties.description || null, Number(item.properties.quantity)],
    );
    expect(hubspotDescriptions).not.toContainEqual(["Rush job (internal)", expect.anything()]);
    expect(hubspotDescriptions.map(([, quantity]) => quantity).sort()).toEqual([1, 3, 4]);

    // Switched on again, the resync it offers brings HubSpot's descriptions and quantities to this HubSpot invoice.
    await org.caller.mappings.update({ id: byKey("lineDescription").id, enabled: true });
    const { resync } = await org.caller.mappings.update({ id: byKey("lineQuantity").id, enabled: true });
    expect(resync).toEqual({ suggested: true, records: 1 });
    await org.caller.mappings.resync({ object: "invoices" });
    await eventually(async () => (await qboLines()).every((l) => l.Description), "HubSpot's descriptions in QuickBooks");
    expect(shape(await qboLines())).toEqual([
      ["Gadget", 3, 20],
      ["Setup fee", 1, 50],
      ["Support", 4, 15],
    ]);
    expect(await invoiceLink(org.orgId, "hubspot", String(draft.id))).toMatchObject({ state: "synced", errorCode: null });
  });
});

describe("invoices from QuickBooks to HubSpot", () => {
  it("creates the HubSpot invoice with its contact and lines, and follows later QuickBooks edits", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    const item = await ctx.quickbooks.create<Doc>("Item", { Name: "Gadget", Sku: "G-1", Type: "Service", UnitPrice: 15, IncomeAccountRef: { value: income!.Id } }, "seed-gadget");
    const customer = await ctx.quickbooks.create<Doc>("Customer", { DisplayName: "Lou Park", GivenName: "Lou", FamilyName: "Park", PrimaryEmailAddr: { Address: "lou@example.test" } }, "seed-lou");
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    const line = (qty: number, price: number) => ({ DetailType: "SalesItemLineDetail", Amount: qty * price, Description: "Gadget", SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: qty, UnitPrice: price } });
    const created = await ctx.quickbooks.create<QboInvoice>("Invoice", { CustomerRef: { value: customer.Id }, Line: [line(2, 15)] }, "seed-invoice");

    const link = await eventually(async () => {
      const found = await invoiceLink(org.orgId, "quickbooks", created.Id);
      return found?.state === "synced" ? found : undefined;
    }, "the QuickBooks invoice to reach HubSpot");
    const hs = await hubspotInvoice(ctx, link.hubspotId!);
    expect(hs.properties).toMatchObject({ hs_invoice_status: "open", hs_amount_billed: "30", hs_invoice_source: "quickbooks" });
    const [contactId] = (hs.associations?.contacts?.results ?? []).map((r) => String(r.id));
    const [contact] = await ctx.hubspot.batchRead("contacts", [contactId!], ["email"]);
    expect(contact?.properties.email).toBe("lou@example.test");
    expect(await hubspotLines(ctx, hs)).toEqual([{ sku: "G-1", quantity: 2, price: 15 }]);
    expect(decodeLines(link.hubspotSnapshot!.lines as string)).toEqual(decodeLines(link.quickbooksSnapshot!.lines as string));

    const current = await ctx.quickbooks.get<QboInvoice>("Invoice", created.Id);
    await ctx.quickbooks.update("Invoice", { Id: current.Id, SyncToken: current.SyncToken, Line: [line(1, 15), { ...line(4, 10), Description: "Extra" }] }, "edit-lines");
    await eventually(async () => {
      const lines = await hubspotLines(ctx, await hubspotInvoice(ctx, link.hubspotId!));
      return lines.length === 2 && lines[0]!.quantity === 1 && lines[1]!.quantity === 4;
    }, "the line change to reach HubSpot");
    expect((await hubspotInvoice(ctx, link.hubspotId!)).properties.hs_amount_billed).toBe("55");
    expect((await ctx.hubspot.listAll("invoices", ["hs_number"])).length).toBe(1);
  });
});
