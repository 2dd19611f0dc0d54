import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAYMENT_TERMS_PROPERTY } from "../../providers/hubspot/tandem-properties";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { eventually, startStack, type Stack } from "../../testing/stack";
import { createTestDatabase } from "../../testing/database";
import { finalizedInvoiceFor, hubspotUiContact, invoiceLink, invoiceSides, orgSyncingInvoices, settledInvoice } from "./invoice-testing";

type QboInvoice = { Id: string; SyncToken: string; DueDate: string; TxnDate: string; SalesTermRef?: { value: string } };
type QboTerm = { Id: string; Name: string };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

describe("invoice terms", () => {
  it("gives a HubSpot invoice without terms QuickBooks' default and shows it in HubSpot; terms set in HubSpot reach QuickBooks; unknown terms fail naming the company's terms and sync once fixed; a case-only difference is no change", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack);
    const account = Number(org.hubspotPortalId);
    const terms = (await org.caller.mappings.list({ object: "invoices" })).mappings.find((m) => m.key === "terms");
    expect(terms).toMatchObject({ enabled: true, direction: "both", hubspotProperty: PAYMENT_TERMS_PROPERTY, quickbooksPath: "SalesTermRef.name" });
    const termIds = new Map((await ctx.quickbooks.queryAll<QboTerm>("Term")).map((t) => [t.Name, t.Id]));

    const contactId = await hubspotUiContact(org, "terms@example.test");
    const hubspotId = await finalizedInvoiceFor(org, contactId, [{ name: "Hours", price: "40", quantity: "2" }]);
    const synced = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks");
    const qboInvoice = () => ctx.quickbooks.get<QboInvoice>("Invoice", synced.quickbooksId!);
    const hubspotTerms = async () => (await ctx.hubspot.getObject("invoices", hubspotId, [PAYMENT_TERMS_PROPERTY])).properties[PAYMENT_TERMS_PROPERTY] ?? null;
    const created = await qboInvoice();
    expect(created.SalesTermRef?.value).toBe(termIds.get("Net 30"));
    expect(await hubspotTerms()).toBe("Net 30");
    const sides = await invoiceSides(org.orgId, synced);
    expect({ terms: sides.hubspot.terms, due: String(sides.hubspot.dueDate).slice(0, 10) }).toEqual({ terms: sides.quickbooks.terms, due: sides.quickbooks.dueDate });

    // Set in HubSpot: QuickBooks takes the terms of that name; the due date stays as it was.
    await hubspotUi.updateRecord(account, "invoices", Number(hubspotId), { [PAYMENT_TERMS_PROPERTY]: "Net 15" });
    await eventually(async () => (await qboInvoice()).SalesTermRef?.value === termIds.get("Net 15"), "Net 15 in QuickBooks");
    expect((await qboInvoice()).DueDate).toBe(created.DueDate);
    expect(await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the terms change synced")).toMatchObject({ errorCode: null });

    // Terms QuickBooks doesn't have: the record says which it has, and QuickBooks keeps its own.
    await hubspotUi.updateRecord(account, "invoices", Number(hubspotId), { [PAYMENT_TERMS_PROPERTY]: "Net 7" });
    const failed = await settledInvoice(org.orgId, "hubspot", hubspotId, "failed", "the unknown terms to fail");
    expect(failed.errorCode).toBe("UNKNOWN_TERMS");
    expect(failed.errorDetail).toMatch(/"Net 7" is none of this QuickBooks company's terms: Due on receipt, Net 15, Net 30, Net 60/);
    expect((await qboInvoice()).SalesTermRef?.value).toBe(termIds.get("Net 15"));

    await hubspotUi.updateRecord(account, "invoices", Number(hubspotId), { [PAYMENT_TERMS_PROPERTY]: "Net 60" });
    await eventually(async () => (await qboInvoice()).SalesTermRef?.value === termIds.get("Net 60"), "Net 60 in QuickBooks");
    expect(await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the fixed terms synced")).toMatchObject({ errorCode: null });

    // Named in another case: QuickBooks takes its terms of that name, and the same terms are no
    // change, so HubSpot keeps the user's spelling through a later QuickBooks edit that syncs.
    await hubspotUi.updateRecord(account, "invoices", Number(hubspotId), { [PAYMENT_TERMS_PROPERTY]: "net 15" });
    await eventually(async () => (await qboInvoice()).SalesTermRef?.value === termIds.get("Net 15"), "net 15 in QuickBooks");
    const spelled = await qboInvoice();
    await ctx.quickbooks.update("Invoice", { Id: spelled.Id, SyncToken: spelled.SyncToken, sparse: true, CustomerMemo: { value: "See you" } }, "terms-case-memo");
    await eventually(async () => (await ctx.hubspot.getObject("invoices", hubspotId, ["hs_comments"])).properties.hs_comments === "See you", "the memo change in HubSpot");
    expect(await hubspotTerms()).toBe("net 15");
    expect(await settledInvoice(org.orgId, "quickbooks", synced.quickbooksId!, "synced", "the memo change synced")).toMatchObject({ errorCode: null });
  });

  it("sends a QuickBooks invoice's terms to HubSpot and later changes of them; switched off, a terms change is left alone while a memo change still syncs", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack);
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    const item = await ctx.quickbooks.create<{ Id: string; SyncToken: string }>("Item", { Name: "Gadget", Sku: "G-1", Type: "Service", UnitPrice: 15, IncomeAccountRef: { value: income!.Id } }, "seed-gadget");
    const customer = await ctx.quickbooks.create<{ Id: string; SyncToken: string }>("Customer", { DisplayName: "Ro Terms", PrimaryEmailAddr: { Address: "ro@example.test" } }, "seed-ro");
    const termIds = new Map((await ctx.quickbooks.queryAll<QboTerm>("Term")).map((t) => [t.Name, t.Id]));
    const created = await ctx.quickbooks.create<QboInvoice>(
      "Invoice",
      {
        CustomerRef: { value: customer.Id },
        SalesTermRef: { value: termIds.get("Net 15") },
        Line: [{ DetailType: "SalesItemLineDetail", Amount: 30, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 2, UnitPrice: 15 } }],
      },
      "seed-invoice",
    );
    // No due date given: QuickBooks dates it by the terms.
    expect(created.DueDate).toBe(new Date(Date.parse(created.TxnDate) + 15 * 86_400_000).toISOString().slice(0, 10));
    const link = await settledInvoice(org.orgId, "quickbooks", created.Id, "synced", "the QuickBooks invoice in HubSpot");
    const hubspotInvoice = async () => (await ctx.hubspot.getObject("invoices", link.hubspotId!, [PAYMENT_TERMS_PROPERTY, "hs_comments"])).properties;
    expect((await hubspotInvoice())[PAYMENT_TERMS_PROPERTY]).toBe("Net 15");

    const editInQuickBooks = async (patch: Record<string, unknown>, key: string) => {
      const current = await ctx.quickbooks.get<QboInvoice>("Invoice", created.Id);
      await ctx.quickbooks.update("Invoice", { Id: current.Id, SyncToken: current.SyncToken, sparse: true, ...patch }, key);
    };
    await editInQuickBooks({ SalesTermRef: { value: termIds.get("Due on receipt") } }, "terms-edit-1");
    await eventually(async () => (await hubspotInvoice())[PAYMENT_TERMS_PROPERTY] === "Due on receipt", "the terms change in HubSpot");

    const terms = (await org.caller.mappings.list({ object: "invoices" })).mappings.find((m) => m.key === "terms")!;
    await org.caller.mappings.update({ id: terms.id, enabled: false });
    await editInQuickBooks({ SalesTermRef: { value: termIds.get("Net 60") }, CustomerMemo: { value: "Thanks!" } }, "terms-edit-2");
    await eventually(async () => (await hubspotInvoice()).hs_comments === "Thanks!", "the memo change in HubSpot");
    expect((await hubspotInvoice())[PAYMENT_TERMS_PROPERTY]).toBe("Due on receipt");
    expect(await invoiceLink(org.orgId, "quickbooks", created.Id)).toMatchObject({ state: "synced", errorCode: null });
  });
});
