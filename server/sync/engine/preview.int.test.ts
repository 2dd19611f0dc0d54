import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { recordLinks } from "../../db/schema";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack } from "../../testing/stack";
import { createTestDatabase } from "../../testing/database";
import type { QboEntityBase } from "../../providers/quickbooks/types";
import { loadSyncConfig } from "../config";
import type { SyncContext } from "../context";
import { SYNC_ERRORS, type SyncErrorCode } from "../errors";
import { finalizedInvoiceFor, hubspotUiContact, settledInvoice } from "../objects/invoice-testing";
import { createSyncContext } from "../org-context";
import { previewInitialSync, type PreviewItem } from "./preview";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

describe("preview of an initial sync", () => {
  it("shows what would be linked (fields before → after), created, left out and failed, and writes nothing; starting does exactly that", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const customer = (name: string, email: string | null, extra: Record<string, unknown> = {}) =>
      ctx.quickbooks.create<QboEntityBase>("Customer", { DisplayName: name, ...(email ? { PrimaryEmailAddr: { Address: email } } : {}), ...extra }, `seed-${name}`);
    await customer("Ann Lee", "ann@example.test", { GivenName: "Ann", FamilyName: "Lee", CompanyName: "Lee Books" });
    await customer("New Person", "new@example.test", { GivenName: "New" });
    await customer("No Email", null);
    await customer("Twin One", "twin@example.test");
    await customer("Twin Two", "TWIN@example.test");
    const existing = await ctx.hubspot.createObject("contacts", { email: "ann@example.test", firstname: "Annie", company: "Old Co" });
    await org.caller.sync.updateSettings({ object: "contacts", direction: "two_way", conflictWinner: "quickbooks" });

    const preview = await org.caller.sync.preview({ object: "contacts" });
    expect(preview.counts).toMatchObject({ link: 1, create: 2, exclude: 1, fail: 1 });
    const ann = preview.items.find((i) => i.action === "link")!;
    expect(ann).toMatchObject({ label: "Ann Lee", counterpartId: existing.id });
    expect(ann.changes).toEqual(
      expect.arrayContaining([
        { field: "firstName", label: "First name", side: "hubspot", before: "Annie", after: "Ann" },
        { field: "companyName", label: "Company name", side: "hubspot", before: "Old Co", after: "Lee Books" },
      ]),
    );
    expect(preview.items.find((i) => i.action === "exclude")?.reason).toMatch(/No email/);
    expect(preview.items.find((i) => i.action === "fail")).toMatchObject({ reason: expect.stringMatching(/same email/), error: { code: "DUPLICATE_MATCH" } });
    // Five QuickBooks customers and the one HubSpot contact, all read: counts and list are whole.
    expect(preview).toMatchObject({ read: 6, countsComplete: true, listComplete: true });
    expect(preview.items).toHaveLength(5);

    // A list cut short still counts every record, and says the list is the first part only.
    const shortList = await previewInitialSync(db(), org.orgId, "contacts", { maxItems: 2 });
    expect(shortList).toMatchObject({ counts: preview.counts, read: 6, countsComplete: true, listComplete: false });
    expect(shortList.items).toEqual(preview.items.slice(0, 2));
    // Reading stopped early: the counts cover the records read only, and say so.
    const firstPage = await previewInitialSync(db(), org.orgId, "contacts", { pageSize: 2, maxRecords: 2 });
    expect(firstPage).toMatchObject({ read: 2, countsComplete: false, listComplete: true });
    expect(Object.values(firstPage.counts).reduce((a, b) => a + b, 0)).toBe(2);
    expect(firstPage.items).toHaveLength(2);

    // Nothing was written anywhere.
    expect((await ctx.hubspot.getObject("contacts", existing.id, ["firstname"])).properties.firstname).toBe("Annie");
    expect(await db().select().from(recordLinks).where(eq(recordLinks.orgId, org.orgId))).toHaveLength(0);
    expect((await ctx.hubspot.listAll("contacts", ["email"])).length).toBe(1);

    // Starting it does what the preview said.
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    await eventually(async () => {
      const rows = await db().select().from(recordLinks).where(eq(recordLinks.orgId, org.orgId));
      return rows.length === 5 && rows.every((r) => r.state !== "pending");
    }, "the initial sync");
    expect((await ctx.hubspot.getObject("contacts", existing.id, ["firstname", "company"])).properties).toMatchObject({ firstname: "Ann", company: "Lee Books" });
    expect((await ctx.hubspot.listAll("contacts", ["email"])).length).toBe(3);
  }, 60_000);
});

type Doc = QboEntityBase & Record<string, unknown>;

/** The catalogue's words for `code`, as a previewed failure carries them. */
const failing = (id: string, code: SyncErrorCode, detail: RegExp | string) => ({
  id,
  action: "fail",
  error: { code, category: SYNC_ERRORS[code].category, explanation: SYNC_ERRORS[code].explanation, fix: SYNC_ERRORS[code].fix, retryable: SYNC_ERRORS[code].retryable, detail: typeof detail === "string" ? detail : expect.stringMatching(detail) },
});

const byId = (items: Array<Pick<PreviewItem, "id" | "action" | "error">>, id: string) => items.find((i) => i.id === id);

async function setPreferences(ctx: SyncContext, changes: Record<string, unknown>) {
  const [prefs] = await ctx.quickbooks.queryAll<Doc>("Preferences" as never);
  await ctx.quickbooks.update("Preferences" as never, { Id: prefs!.Id, SyncToken: prefs!.SyncToken, ...changes }, `prefs-${Math.random()}`);
}

/** Makes QuickBooks invoices of one line of a new service item: for a customer, of an amount. */
async function quickbooksInvoiceMaker(ctx: SyncContext, itemName: string) {
  const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
  const item = await ctx.quickbooks.create<Doc>("Item", { Name: itemName, Type: "Service", IncomeAccountRef: { value: income!.Id } }, `item-${itemName}`);
  return (customer: Doc, amount: number) =>
    ctx.quickbooks.create<Doc>(
      "Invoice",
      { CustomerRef: { value: customer.Id }, Line: [{ DetailType: "SalesItemLineDetail", Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount } }] },
      `invoice-${itemName}-${customer.Id}`,
    );
}

const customerNamed = (ctx: SyncContext, name: string, email: string | null) =>
  ctx.quickbooks.create<Doc>("Customer", { DisplayName: name, ...(email ? { PrimaryEmailAddr: { Address: email } } : {}) }, `seed-${name}`);


/**
 * HubSpot invoices go to QuickBooks from the sync's start on: the sync starts (its first run over,
 * with nothing to send) and is switched off, so invoices made meanwhile are what switching it on sends.
 */
async function startedAndSwitchedOff(org: { orgId: string; caller: Awaited<ReturnType<typeof connectNewOrg>>["caller"] }) {
  await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "to_quickbooks" });
  await eventually(async () => {
    const config = await loadSyncConfig(db(), org.orgId, "invoices");
    return Boolean(config.initialSyncProgress?.startedAt && !config.initialSyncRunId);
  }, "the first invoice sync");
  await org.caller.sync.updateSettings({ object: "invoices", enabled: false });
}

describe("failures the preview predicts", () => {
  it("a contact whose every QuickBooks DisplayName is taken by another customer fails with DUPLICATE_DISPLAY_NAME, as the sync then records; a free name is created", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    await customerNamed(ctx, "Vale Studio", "studio@example.test");
    await customerNamed(ctx, "Nora Vale", "nora.old@example.test");
    // Made inactive, QuickBooks renames a customer “… (deleted)”: its name is free again.
    const inactive = await customerNamed(ctx, "Otto Vale", "otto.old@example.test");
    await ctx.quickbooks.update("Customer", { Id: inactive.Id, SyncToken: inactive.SyncToken, Active: false, sparse: true }, "otto-inactive");
    await customerNamed(ctx, "Ann Lee", "ann@example.test");
    const nora = await ctx.hubspot.createObject("contacts", { email: "nora@example.test", firstname: "Nora", lastname: "Vale", company: "Vale Studio" });
    const otto = await ctx.hubspot.createObject("contacts", { email: "otto@example.test", firstname: "Otto", lastname: "Vale", company: "Vale Studio" });
    // Her would-be name is her match's: she links to it, no name is needed.
    const ann = await ctx.hubspot.createObject("contacts", { email: "ann@example.test", firstname: "Ann", lastname: "Lee" });
    await org.caller.sync.updateSettings({ object: "contacts", direction: "to_quickbooks" });

    const preview = await org.caller.sync.preview({ object: "contacts" });
    expect(preview.counts).toMatchObject({ fail: 1, create: 1, link: 1 });
    expect(byId(preview.items, nora.id)).toMatchObject(failing(nora.id, "DUPLICATE_DISPLAY_NAME", /taken by another customer: “Vale Studio”, “Nora Vale”\.$/));
    expect(byId(preview.items, otto.id)).toMatchObject({ action: "create", error: null });
    expect(byId(preview.items, ann.id)).toMatchObject({ action: "link", error: null });
    expect(await ctx.quickbooks.queryAll("Customer", "Active IN (true, false)")).toHaveLength(4);
    expect(await db().select().from(recordLinks).where(eq(recordLinks.orgId, org.orgId))).toHaveLength(0);

    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    const rows = await eventually(async () => {
      const found = await db().select().from(recordLinks).where(eq(recordLinks.orgId, org.orgId));
      return found.length === 3 && found.every((r) => r.state !== "pending") ? found : undefined;
    }, "the initial contact sync");
    expect(rows.find((r) => r.hubspotId === nora.id)).toMatchObject({ state: "failed", errorCode: "DUPLICATE_DISPLAY_NAME", quickbooksId: null });
    const ottoLink = rows.find((r) => r.hubspotId === otto.id)!;
    expect(ottoLink.state).toBe("synced");
    expect((await ctx.quickbooks.get<Doc>("Customer", ottoLink.quickbooksId!)).DisplayName).toBe("Otto Vale");
    expect(rows.find((r) => r.hubspotId === ann.id)).toMatchObject({ state: "synced" });
  }, 90_000);

  it("a QuickBooks invoice whose customer has no email fails with MISSING_CONTACT, as the sync then records; one whose customer has one is created", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const invoiceFor = await quickbooksInvoiceMaker(ctx, "Audit");
    const noMail = await invoiceFor(await customerNamed(ctx, "No Mail Ltd", null), 70);
    const mailed = await invoiceFor(await customerNamed(ctx, "Mail Ltd", "mail@example.test"), 30);
    await org.caller.sync.updateSettings({ object: "invoices", direction: "to_hubspot" });

    const preview = await org.caller.sync.preview({ object: "invoices" });
    expect(preview.counts).toMatchObject({ fail: 1, create: 1 });
    expect(byId(preview.items, noMail.Id)).toMatchObject(failing(noMail.Id, "MISSING_CONTACT", /^The invoice's QuickBooks customer can't be synced: No email address/));
    expect(byId(preview.items, mailed.Id)).toMatchObject({ action: "create", error: null });
    expect(await ctx.hubspot.listAll("contacts", ["email"])).toHaveLength(0);

    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    const failed = await settledInvoice(org.orgId, "quickbooks", noMail.Id, "failed", "the customer without email");
    expect(failed).toMatchObject({ errorCode: "MISSING_CONTACT", errorDetail: byId(preview.items, noMail.Id)!.error!.detail });
    const synced = await settledInvoice(org.orgId, "quickbooks", mailed.Id, "synced", "the customer with an email");
    expect((await ctx.hubspot.getObject("invoices", synced.hubspotId!, ["hs_amount_billed"])).properties.hs_amount_billed).toBe("30");
  }, 90_000);

  it("HubSpot invoices into QuickBooks: no contact (MISSING_CUSTOMER), a contact whose name is taken (DUPLICATE_DISPLAY_NAME), a date in closed books (CLOSED_PERIOD), revenue recognition without service dates (SERVICE_DATE_REQUIRED); the sync then records each", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const portal = Number(org.hubspotPortalId);
    await startedAndSwitchedOff(org);
    await setPreferences(ctx, { AccountingInfoPrefs: { BookCloseDate: "2020-12-31" } });
    await customerNamed(ctx, "Nora Vale", "nora.old@example.test");

    const line = [{ name: "Consulting", price: "40", quantity: "1" }];
    const noContact = await finalizedInvoiceFor(org, await hubspotUiContact(org, "gone@example.test"), line);
    await (await hubspotAsSomeoneElse(stack, org)).archiveObject("contacts", (await ctx.hubspot.getObject("invoices", noContact, [], ["contacts"])).associations!.contacts!.results[0]!.id);
    const nora = await hubspotUi.createContact(portal, { email: "nora@example.test", firstname: "Nora", lastname: "Vale", company: "" });
    const clash = await finalizedInvoiceFor(org, String(nora.id), line);
    const draft = Number((await hubspotUi.createDraftInvoice(portal, { title: "Old work", currency: "USD" })).id);
    await hubspotUi.addLineItem(portal, draft, line[0]!);
    await hubspotUi.associateContact(portal, draft, Number(await hubspotUiContact(org, "old@example.test")));
    await (await hubspotAsSomeoneElse(stack, org)).updateObject("invoices", String(draft), { hs_invoice_date: "2020-06-15T12:00:00.000Z" });
    await hubspotUi.setInvoiceStatus(portal, draft, "open");
    const closed = String(draft);
    const plain = await finalizedInvoiceFor(org, await hubspotUiContact(org, "plain@example.test"), line);

    const preview = await org.caller.sync.preview({ object: "invoices" });
    expect(preview.counts).toMatchObject({ fail: 3, create: 1 });
    expect(byId(preview.items, noContact)).toMatchObject(failing(noContact, "MISSING_CUSTOMER", "The HubSpot invoice has no associated contact."));
    expect(byId(preview.items, clash)).toMatchObject(failing(clash, "DUPLICATE_DISPLAY_NAME", /^Its QuickBooks customer couldn't be created: .*“Nora Vale”/));
    expect(byId(preview.items, closed)).toMatchObject(failing(closed, "CLOSED_PERIOD", /dated 2020-06-15, and the QuickBooks books are closed through 2020-12-31/));
    expect(byId(preview.items, plain)).toMatchObject({ action: "create", error: null });

    // Revenue recognition on and no service dates configured: the invoice that would go now fails too.
    await setPreferences(ctx, { ProductAndServicesPrefs: { RevenueRecognition: true } });
    const again = await org.caller.sync.preview({ object: "invoices" });
    expect(again.counts).toMatchObject({ fail: 4, create: 0 });
    expect(byId(again.items, plain)).toMatchObject(failing(plain, "SERVICE_DATE_REQUIRED", /^The line “Consulting” has no service date/));
    expect(byId(again.items, closed)).toMatchObject({ error: { code: "CLOSED_PERIOD" } });
    expect(await ctx.quickbooks.queryAll("Invoice")).toHaveLength(0);
    expect((await ctx.quickbooks.queryAll<Doc>("Customer")).map((c) => c.DisplayName)).toEqual(["Nora Vale"]);

    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    const expected: Array<[string, SyncErrorCode]> = [
      [noContact, "MISSING_CUSTOMER"],
      [clash, "DUPLICATE_DISPLAY_NAME"],
      [closed, "CLOSED_PERIOD"],
      [plain, "SERVICE_DATE_REQUIRED"],
    ];
    for (const [id, code] of expected) {
      expect(await settledInvoice(org.orgId, "hubspot", id, "failed", `the invoice failing with ${code}`)).toMatchObject({ errorCode: code, quickbooksId: null });
    }
    expect(await ctx.quickbooks.queryAll("Invoice")).toHaveLength(0);
  }, 150_000);

  it("a non-US company without a complete tax mapping: HubSpot invoices fail with TAX_REQUIRED, as the sync then records", async () => {
    const org = await connectNewOrg(stack, { companyCountry: "GB" });
    await startedAndSwitchedOff(org);
    const hubspotId = await finalizedInvoiceFor(org, await hubspotUiContact(org, "uk@example.test"), [{ name: "Consulting", price: "40", quantity: "1" }]);

    const preview = await org.caller.sync.preview({ object: "invoices" });
    expect(preview.counts).toMatchObject({ fail: 1, create: 0 });
    expect(byId(preview.items, hubspotId)).toMatchObject(failing(hubspotId, "TAX_REQUIRED", /^The line “Consulting” gets no QuickBooks tax code/));

    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    expect(await settledInvoice(org.orgId, "hubspot", hubspotId, "failed", "the tax requirement")).toMatchObject({ errorCode: "TAX_REQUIRED", errorDetail: byId(preview.items, hubspotId)!.error!.detail });
  }, 120_000);
});

describe("preview of the payments the first invoice sync brings along", () => {
  it("copies a payment on an invoice that syncs, leaves one on an invoice that doesn't waiting, none with QuickBooks → HubSpot invoices; starting does that", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const invoiceFor = await quickbooksInvoiceMaker(ctx, "Survey");
    const pay = (invoice: Doc, amount: number) =>
      ctx.quickbooks.create<Doc>("Payment", { CustomerRef: invoice.CustomerRef, TotalAmt: amount, Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }] }, `payments-pay-${invoice.Id}`);
    // The customer without an email makes its invoice fail (MISSING_CONTACT): its payment can't follow.
    const syncing = await invoiceFor(await customerNamed(ctx, "Paying Ltd", "paying@example.test"), 90);
    const failing = await invoiceFor(await customerNamed(ctx, "Silent Ltd", null), 50);
    const copied = await pay(syncing, 30);
    const waiting = await pay(failing, 20);

    await org.caller.sync.updateSettings({ object: "invoices", direction: "to_hubspot" });
    expect((await org.caller.sync.preview({ object: "payments" })).counts).toEqual({ create: 0, link: 0, update: 0, unchanged: 0, exclude: 0, fail: 0 });

    await org.caller.sync.updateSettings({ object: "invoices", direction: "two_way" });
    const preview = await org.caller.sync.preview({ object: "payments" });
    expect(preview.counts).toMatchObject({ create: 1, exclude: 1, fail: 0 });
    expect(byId(preview.items, `${copied.Id}:${syncing.Id}`)).toMatchObject({ action: "create", side: "quickbooks", changes: [{ field: "amount", side: "hubspot", before: null, after: 30 }] });
    expect(byId(preview.items, `${waiting.Id}:${failing.Id}`)).toMatchObject({ action: "exclude", reason: expect.stringContaining("doesn't sync in the first sync") });

    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    const invoice = await settledInvoice(org.orgId, "quickbooks", syncing.Id, "synced", "the invoice in HubSpot");
    const payment = await eventually(async () => {
      const link = await db().query.recordLinks.findFirst({ where: and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.quickbooksId, `${copied.Id}:${syncing.Id}`)) });
      return link?.state === "synced" ? link : undefined;
    }, "the payment in HubSpot");
    expect(payment.parentLinkId).toBe(invoice.id);
    expect((await ctx.hubspot.getObject("commerce_payments", payment.hubspotId!, ["hs_initial_amount"])).properties.hs_initial_amount).toBe("30");
    expect(await settledInvoice(org.orgId, "quickbooks", failing.Id, "failed", "the invoice without a contact")).toMatchObject({ errorCode: "MISSING_CONTACT" });
    expect(await db().query.recordLinks.findFirst({ where: and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.quickbooksId, `${waiting.Id}:${failing.Id}`)) })).toBeUndefined();
  }, 120_000);
});
