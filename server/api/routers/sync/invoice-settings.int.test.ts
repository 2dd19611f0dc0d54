import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { loadSyncConfig } from "../../../sync/config";
import { finalizedInvoiceFor, hubspotUiContact, orgSyncingInvoices, settledInvoice } from "../../../sync/objects/invoice-testing";
import { createTestDatabase } from "../../../testing/database";
import { connectNewOrg, hubspotAsSomeoneElse, startStack, type Stack } from "../../../testing/stack";
import { trpcErrorOf } from "../../../testing/trpc-errors";

type Account = { Id: string; SyncToken: string; Name: string; AccountType: string };
type QboItem = { Id: string; SyncToken: string; Name: string; IncomeAccountRef?: { value: string } };
type QboInvoice = { Id: string; SyncToken: string; Line: Array<{ DetailType?: string; SalesItemLineDetail?: { ItemRef: { value: string } } }> };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

describe("invoice settings naming things in the connected accounts", () => {
  it("take only an active Income account of the company for the custom line item, and a missing item is created with it", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack, "to_quickbooks");
    const create = (name: string, type: string) => ctx.quickbooks.create<Account>("Account", { Name: name, AccountType: type }, `account-${name}`);
    // Not the company's first income account, which a missing item would get without the setting.
    const consulting = await create("Consulting income", "Income");
    const expense = await create("Travel", "Expense");
    const retired = await create("Old income", "Income");
    await ctx.quickbooks.update("Account", { Id: retired.Id, SyncToken: retired.SyncToken, Active: false }, "retire-old-income");
    const [firstIncome] = await ctx.quickbooks.queryAll<Account>("Account", "AccountType = 'Income'");
    expect(firstIncome!.Id).not.toBe(consulting.Id);

    for (const wrong of ["999999", expense.Id, retired.Id]) {
      expect(await trpcErrorOf(org.caller.sync.updateSettings({ object: "invoices", customLineItemAccountId: wrong }))).toMatchObject({
        code: "BAD_REQUEST",
        field: "customLineItemAccountId",
        message: expect.stringContaining(`“${wrong}” is not one`),
      });
    }
    expect((await loadSyncConfig(db(), org.orgId, "invoices")).settings.customLineItemAccountId).toBeUndefined();

    await org.caller.sync.updateSettings({ object: "invoices", customLineItemAccountId: consulting.Id });
    expect((await loadSyncConfig(db(), org.orgId, "invoices")).settings.customLineItemAccountId).toBe(consulting.Id);
    expect(await ctx.quickbooks.queryAll("Item", "Name = 'Custom line item'")).toEqual([]);

    const contact = await hubspotUiContact(org, "custom-line@example.test");
    const invoice = await finalizedInvoiceFor(org, contact, [{ name: "Workshop", price: "300", quantity: "1" }]);
    const link = await settledInvoice(org.orgId, "hubspot", invoice, "synced", "the invoice with a line no product matches");
    const [item] = await ctx.quickbooks.queryAll<QboItem>("Item", "Name = 'Custom line item'");
    expect(item?.IncomeAccountRef?.value).toBe(consulting.Id);
    const written = await ctx.quickbooks.get<QboInvoice>("Invoice", link.quickbooksId!);
    expect(written.Line.filter((l) => l.DetailType === "SalesItemLineDetail").map((l) => l.SalesItemLineDetail!.ItemRef.value)).toEqual([item!.Id]);

    // Another account chosen later books the existing item there: the next invoice's line goes to it.
    const training = await create("Training income", "Income");
    await org.caller.sync.updateSettings({ object: "invoices", customLineItemAccountId: training.Id });
    const moved = await ctx.quickbooks.queryAll<QboItem>("Item", "Name = 'Custom line item'");
    expect(moved.map((i) => [i.Id, i.IncomeAccountRef?.value])).toEqual([[item!.Id, training.Id]]);
    const next = await finalizedInvoiceFor(org, contact, [{ name: "Coaching", price: "120", quantity: "1" }]);
    const nextLink = await settledInvoice(org.orgId, "hubspot", next, "synced", "the next invoice with a line no product matches");
    const nextWritten = await ctx.quickbooks.get<QboInvoice>("Invoice", nextLink.quickbooksId!);
    expect(nextWritten.Line.filter((l) => l.DetailType === "SalesItemLineDetail").map((l) => l.SalesItemLineDetail!.ItemRef.value)).toEqual([item!.Id]);
    // Saving the same account again writes nothing to QuickBooks.
    await org.caller.sync.updateSettings({ object: "invoices", customLineItemAccountId: training.Id });
    expect((await ctx.quickbooks.get<QboItem>("Item", item!.Id)).SyncToken).toBe(moved[0]!.SyncToken);
  }, 90_000);

  it("take only a date or datetime property of HubSpot line items as the service date", async () => {
    const org = await connectNewOrg(stack);
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    await someoneElse.createProperty("line_items", { name: "delivery_note", label: "Delivery note", type: "string", fieldType: "text", groupName: "lineiteminformation" });
    await someoneElse.createProperty("invoices", { name: "invoiced_on", label: "Invoiced on", type: "date", fieldType: "date", groupName: "invoiceinformation" });
    await someoneElse.createProperty("line_items", { name: "delivered_on", label: "Delivered on", type: "date", fieldType: "date", groupName: "lineiteminformation" });

    expect(await trpcErrorOf(org.caller.sync.updateSettings({ object: "invoices", serviceDateProperty: "no_such_property" }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "serviceDateProperty",
      message: expect.stringContaining("HubSpot line items have no property “no_such_property”"),
    });
    // A date property of the invoice, not of its line items.
    expect(await trpcErrorOf(org.caller.sync.updateSettings({ object: "invoices", serviceDateProperty: "invoiced_on" }))).toMatchObject({ field: "serviceDateProperty" });
    expect(await trpcErrorOf(org.caller.sync.updateSettings({ object: "invoices", serviceDateProperty: "delivery_note" }))).toMatchObject({
      field: "serviceDateProperty",
      message: expect.stringContaining("“Delivery note” holds string values, not dates"),
    });
    expect((await loadSyncConfig(db(), org.orgId, "invoices")).settings.serviceDateProperty).toBeUndefined();

    for (const property of ["delivered_on", "hs_service_start_date", "createdate"]) {
      await org.caller.sync.updateSettings({ object: "invoices", serviceDateProperty: property });
      expect((await loadSyncConfig(db(), org.orgId, "invoices")).settings.serviceDateProperty).toBe(property);
    }
    // "" picks none and needs no HubSpot property.
    await org.caller.sync.updateSettings({ object: "invoices", serviceDateProperty: "" });
    expect((await loadSyncConfig(db(), org.orgId, "invoices")).settings.serviceDateProperty).toBeUndefined();
  }, 60_000);
});
