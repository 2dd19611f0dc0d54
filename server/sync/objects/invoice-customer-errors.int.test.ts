import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { connectNewOrg, hubspotAsSomeoneElse, startStack, type Stack } from "../../testing/stack";
import { createTestDatabase } from "../../testing/database";
import type { SyncContext } from "../context";
import { SYNC_ERRORS } from "../errors";
import { createSyncContext } from "../org-context";
import { finalizedInvoiceFor, hubspotUiContact, invoiceLink, orgSyncingInvoices, settledInvoice } from "./invoice-testing";

/**
 * An invoice whose contact (HubSpot) or customer (QuickBooks) can't be brought to the other side
 * fails with the error whose fix is on the side to fix, through both sandboxes over HTTP: each
 * shown as the user sees it, then fixed the way its text says and retried until both sides agree.
 */
type Doc = Record<string, unknown> & { Id: string; SyncToken: string };
type QboInvoice = Doc & { CustomerRef: { value: string }; DocNumber?: string; TotalAmt: number; Balance: number };
type QboCustomer = Doc & { DisplayName: string; PrimaryEmailAddr?: { Address: string } };
type Org = Awaited<ReturnType<typeof connectNewOrg>>;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

const consultingLine = (price: string) => [{ name: "Consulting", price, quantity: "1" }];

/** The error of the record as the records list and the record page show it. */
async function shownError(org: Org, linkId: string) {
  return (await org.caller.sync.record({ id: linkId })).error;
}

/** The catalogue's words for `code`, as a shown error carries them. */
function catalogued(code: keyof typeof SYNC_ERRORS, detail: unknown) {
  const { category, explanation, fix, retryable } = SYNC_ERRORS[code];
  return { code, category, explanation, fix, retryable, detail };
}

/** The HubSpot invoice, its contact's email and the QuickBooks invoice with its customer, compared. */
async function expectSameInvoice(ctx: SyncContext, hubspotId: string, qboId: string, email: string) {
  const hs = await ctx.hubspot.getObject("invoices", hubspotId, ["hs_number", "hs_amount_billed", "hs_balance_due"], ["contacts"]);
  const [contactId] = (hs.associations?.contacts?.results ?? []).map((r) => String(r.id));
  const [contact] = await ctx.hubspot.batchRead("contacts", [contactId!], ["email"]);
  const qbo = await ctx.quickbooks.get<QboInvoice>("Invoice", qboId);
  const customer = await ctx.quickbooks.get<QboCustomer>("Customer", qbo.CustomerRef.value);
  expect(contact?.properties.email).toBe(email);
  expect(customer.PrimaryEmailAddr?.Address).toBe(email);
  expect(qbo.TotalAmt).toBe(Number(hs.properties.hs_amount_billed));
  expect(qbo.Balance).toBe(Number(hs.properties.hs_balance_due));
  return { hs, qbo, customer };
}

describe("an invoice whose customer can't be created in QuickBooks", () => {
  it("fails with DUPLICATE_DISPLAY_NAME and its fix, and 'retry all' of that code sends it once the name is free", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack, "to_quickbooks");
    // Another QuickBooks customer already uses the name the contact's new customer would get.
    const clashing = await ctx.quickbooks.create<QboCustomer>("Customer", { DisplayName: "Nora Vale", PrimaryEmailAddr: { Address: "nora.old@example.test" } }, "nora-old");
    const contact = await hubspotUi.createContact(Number(org.hubspotPortalId), { email: "nora@example.test", firstname: "Nora", lastname: "Vale", company: "" });
    const hubspotId = await finalizedInvoiceFor(org, String(contact.id), consultingLine("40"));

    const failed = await settledInvoice(org.orgId, "hubspot", hubspotId, "failed", "the name clash");
    expect(failed).toMatchObject({ errorCode: "DUPLICATE_DISPLAY_NAME", quickbooksId: null });
    expect(await shownError(org, failed.id)).toEqual(catalogued("DUPLICATE_DISPLAY_NAME", expect.stringMatching(/^Its QuickBooks customer couldn't be created: .*already using this name/)));
    const invoices = (await org.caller.sync.overview()).find((o) => o.object === "invoices")!;
    expect(invoices.failedByCode.map((f) => [f.code, f.count])).toEqual([["DUPLICATE_DISPLAY_NAME", 1]]);
    expect(await ctx.quickbooks.queryAll("Invoice")).toHaveLength(0);
    expect((await ctx.quickbooks.queryAll<QboCustomer>("Customer")).map((c) => c.DisplayName)).toEqual(["Nora Vale"]);

    await ctx.quickbooks.update("Customer", { Id: clashing.Id, SyncToken: clashing.SyncToken, DisplayName: "Nora Vale (old)" }, "nora-rename");
    expect(await org.caller.sync.retryAll({ errorCode: "DUPLICATE_DISPLAY_NAME", object: "invoices" })).toMatchObject({ queued: 1 });
    const synced = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice once the name is free");
    const { hs, qbo, customer } = await expectSameInvoice(ctx, hubspotId, synced.quickbooksId!, "nora@example.test");
    expect(customer.DisplayName).toBe("Nora Vale");
    expect(qbo.DocNumber).toBe(hs.properties.hs_number);
    expect(qbo.TotalAmt).toBe(40);
    expect(await shownError(org, failed.id)).toBeNull();
  }, 60_000);
});

describe("a HubSpot invoice without a contact", () => {
  it("fails with MISSING_CUSTOMER, whose fix is in HubSpot, and syncs once a contact is associated", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const hubspotId = await finalizedInvoiceFor(org, await hubspotUiContact(org, "gone@example.test"), consultingLine("25"));
    // The invoice's only contact is deleted: HubSpot drops the association with it.
    await (await hubspotAsSomeoneElse(stack, org)).archiveObject("contacts", (await ctx.hubspot.getObject("invoices", hubspotId, [], ["contacts"])).associations!.contacts!.results[0]!.id);
    expect((await ctx.hubspot.getObject("invoices", hubspotId, ["hs_invoice_status"], ["contacts"])).associations?.contacts?.results ?? []).toEqual([]);
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "to_quickbooks" });
    await settledInvoice(org.orgId, "hubspot", hubspotId, "excluded", "the invoice from before the sync left out");
    await hubspotUi.updateRecord(Number(org.hubspotPortalId), "invoices", Number(hubspotId), { hs_comments: "Please pay" });

    const failed = await settledInvoice(org.orgId, "hubspot", hubspotId, "failed", "the missing contact");
    expect(failed).toMatchObject({ errorCode: "MISSING_CUSTOMER", quickbooksId: null, excludedReason: null });
    const shown = await shownError(org, failed.id);
    expect(shown).toEqual(catalogued("MISSING_CUSTOMER", "The HubSpot invoice has no associated contact."));
    expect(shown?.fix).toMatch(/^In HubSpot, associate a contact/);
    expect(await ctx.quickbooks.queryAll("Invoice")).toHaveLength(0);

    await hubspotUi.associateContact(Number(org.hubspotPortalId), Number(hubspotId), Number(await hubspotUiContact(org, "found@example.test")));
    await org.caller.sync.retry({ id: failed.id });
    const synced = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice with its new contact");
    const { qbo } = await expectSameInvoice(ctx, hubspotId, synced.quickbooksId!, "found@example.test");
    expect(qbo).toMatchObject({ TotalAmt: 25, CustomerMemo: { value: "Please pay" } });
  }, 60_000);
});

describe("a QuickBooks invoice whose customer has no email", () => {
  it("fails with MISSING_CONTACT, whose fix is in QuickBooks, and syncs once the customer has an email", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    const item = await ctx.quickbooks.create<Doc>("Item", { Name: "Audit", Type: "Service", IncomeAccountRef: { value: income!.Id } }, "audit-item");
    const customer = await ctx.quickbooks.create<QboCustomer>("Customer", { DisplayName: "No Mail Ltd" }, "no-mail");
    const invoice = await ctx.quickbooks.create<QboInvoice>(
      "Invoice",
      { CustomerRef: { value: customer.Id }, Line: [{ DetailType: "SalesItemLineDetail", Amount: 70, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 70 } }] },
      "no-mail-invoice",
    );
    // The initial sync brings it: the batch path.
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "to_hubspot" });

    const failed = await settledInvoice(org.orgId, "quickbooks", invoice.Id, "failed", "the customer without email");
    expect(failed).toMatchObject({ errorCode: "MISSING_CONTACT", hubspotId: null });
    const shown = await shownError(org, failed.id);
    expect(shown).toEqual(catalogued("MISSING_CONTACT", expect.stringMatching(/^The invoice's QuickBooks customer can't be synced: No email address/)));
    expect(shown?.fix).toMatch(/^In QuickBooks, give the invoice's customer an email address/);
    expect(shown?.fix).not.toMatch(/HubSpot/);
    expect(await ctx.hubspot.listAll("invoices", ["hs_number"])).toHaveLength(0);

    const current = await ctx.quickbooks.get<QboCustomer>("Customer", customer.Id);
    await ctx.quickbooks.update("Customer", { Id: current.Id, SyncToken: current.SyncToken, PrimaryEmailAddr: { Address: "mail@example.test" } }, "give-mail");
    await org.caller.sync.retry({ id: failed.id });
    const synced = await settledInvoice(org.orgId, "quickbooks", invoice.Id, "synced", "the invoice once its customer has an email");
    const { hs } = await expectSameInvoice(ctx, synced.hubspotId!, invoice.Id, "mail@example.test");
    expect(hs.properties.hs_amount_billed).toBe("70");
    expect(await invoiceLink(org.orgId, "quickbooks", invoice.Id)).toMatchObject({ state: "synced", errorCode: null });
  }, 60_000);
});
