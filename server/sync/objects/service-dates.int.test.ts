import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { recordLinks } from "../../db/schema";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack } from "../../testing/stack";
import { createTestDatabase } from "../../testing/database";
import { trpcErrorOf } from "../../testing/trpc-errors";
import { createSyncContext } from "../org-context";

type QboLine = { DetailType?: string; Description?: string; SalesItemLineDetail: { ServiceDate?: string } };
type Doc = Record<string, unknown> & { Id: string; SyncToken: string };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

describe("service dates for QuickBooks revenue recognition", () => {
  it("sends each line's service date from Tandem's line-item property, and the invoice date where a line has none", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const [prefs] = await ctx.quickbooks.queryAll<Doc>("Preferences" as never);
    await ctx.quickbooks.update("Preferences" as never, { Id: prefs!.Id, SyncToken: prefs!.SyncToken, ProductAndServicesPrefs: { RevenueRecognition: true } }, "revrec-on");
    expect(await org.caller.sync.createServiceDateProperty()).toMatchObject({ property: "tandem_service_date", created: true });
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, serviceDateFallback: "invoice_date" });

    const account = Number(org.hubspotPortalId);
    const contact = await hubspotUi.createContact(account, { email: "rev@example.test", firstname: "Rev", lastname: "Rec", company: "" });
    const draft = await hubspotUi.createDraftInvoice(account, { title: "Subscription", currency: "USD" });
    const first = await hubspotUi.addLineItem(account, Number(draft.id), { name: "January", price: "100", quantity: "1" });
    await hubspotUi.addLineItem(account, Number(draft.id), { name: "Setup", price: "20", quantity: "1" });
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    await someoneElse.updateObject("line_items", String(first.id), { tandem_service_date: "2026-01-15" });
    await hubspotUi.associateContact(account, Number(draft.id), Number(contact.id));
    await hubspotUi.setInvoiceStatus(account, Number(draft.id), "open");

    const link = await eventually(async () => {
      const found = await db().query.recordLinks.findFirst({ where: and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.hubspotId, String(draft.id))) });
      return found?.state === "synced" || found?.state === "failed" ? found : undefined;
    }, "the invoice to sync");
    expect(link).toMatchObject({ state: "synced", errorCode: null });
    const invoice = await ctx.quickbooks.get<Doc & { TxnDate: string; Line: QboLine[] }>("Invoice", link.quickbooksId!);
    const dates = invoice.Line.filter((l) => l.DetailType === "SalesItemLineDetail").map((l) => [l.Description, l.SalesItemLineDetail.ServiceDate]);
    expect(dates).toEqual([
      ["January", "2026-01-15"],
      ["Setup", invoice.TxnDate],
    ]);
  }, 60_000);
});

describe("service dates from a HubSpot date property the user picked", () => {
  it("sends each line's date from the picked property, the due date where a line has none, and with no fallback explains SERVICE_DATE_REQUIRED", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const [prefs] = await ctx.quickbooks.queryAll<Doc>("Preferences" as never);
    await ctx.quickbooks.update("Preferences" as never, { Id: prefs!.Id, SyncToken: prefs!.SyncToken, ProductAndServicesPrefs: { RevenueRecognition: true } }, "revrec-on");
    // A date property the HubSpot account already has on its line items (not Tandem's).
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    await someoneElse.createProperty("line_items", { name: "delivery_date", label: "Delivery date", type: "date", fieldType: "date", groupName: "lineiteminformation" });
    await someoneElse.createProperty("line_items", { name: "delivery_notes", label: "Delivery notes", type: "string", fieldType: "text", groupName: "lineiteminformation" });
    // A property the account doesn't have, or one without dates, is refused on its field and changes nothing.
    const refusals: Array<[string, string]> = [
      ["delivery_dates", "HubSpot line items have no property “delivery_dates”"],
      ["delivery_notes", "“Delivery notes” holds string values, not dates"],
    ];
    for (const [property, says] of refusals) {
      const refused = await trpcErrorOf(org.caller.sync.updateSettings({ object: "invoices", serviceDateProperty: property, serviceDateFallback: "due_date" }));
      expect(refused).toMatchObject({ code: "BAD_REQUEST", field: "serviceDateProperty", message: expect.stringContaining(says) });
    }
    expect((await org.caller.sync.overview()).find((o) => o.object === "invoices")?.invoiceSettings).toMatchObject({ serviceDateProperty: null, serviceDateFallback: "none" });
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, serviceDateProperty: "delivery_date", serviceDateFallback: "due_date" });
    expect((await org.caller.sync.overview()).find((o) => o.object === "invoices")?.invoiceSettings).toEqual({
      customLineItemAccountId: null,
      serviceDateProperty: "delivery_date",
      serviceDateFallback: "due_date",
    });

    const account = Number(org.hubspotPortalId);
    const contact = await hubspotUi.createContact(account, { email: "picked@example.test", firstname: "Pia", lastname: "Date", company: "" });
    const invoiceWith = async (title: string, lines: Array<{ name: string; deliveryDate?: string }>) => {
      const draft = await hubspotUi.createDraftInvoice(account, { title, currency: "USD" });
      for (const line of lines) {
        const item = await hubspotUi.addLineItem(account, Number(draft.id), { name: line.name, price: "80", quantity: "1" });
        if (line.deliveryDate) await someoneElse.updateObject("line_items", String(item.id), { delivery_date: line.deliveryDate });
      }
      await hubspotUi.updateRecord(account, "invoices", Number(draft.id), { hs_due_date: "2026-04-30" });
      await hubspotUi.associateContact(account, Number(draft.id), Number(contact.id));
      await hubspotUi.setInvoiceStatus(account, Number(draft.id), "open");
      return String(draft.id);
    };
    const settled = (hubspotId: string) =>
      eventually(async () => {
        const found = await db().query.recordLinks.findFirst({ where: and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.hubspotId, hubspotId)) });
        return found?.state === "synced" || found?.state === "failed" ? found : undefined;
      }, "the invoice to settle");

    const dated = await invoiceWith("Project", [{ name: "Kickoff", deliveryDate: "2026-03-02" }, { name: "Support" }]);
    const link = await settled(dated);
    expect(link).toMatchObject({ state: "synced", errorCode: null });
    const invoice = await ctx.quickbooks.get<Doc & { DueDate: string; Line: QboLine[] }>("Invoice", link.quickbooksId!);
    const hubspotDue = (await ctx.hubspot.getObject("invoices", dated, ["hs_due_date"])).properties.hs_due_date;
    expect(invoice.DueDate).toBe("2026-04-30");
    expect(String(hubspotDue)).toMatch(/^2026-04-30/);
    expect(invoice.Line.filter((l) => l.DetailType === "SalesItemLineDetail").map((l) => [l.Description, l.SalesItemLineDetail.ServiceDate])).toEqual([
      ["Kickoff", "2026-03-02"],
      ["Support", invoice.DueDate],
    ]);

    // Without a fallback, a line without the property's date can't go to a company with revenue recognition.
    await org.caller.sync.updateSettings({ object: "invoices", serviceDateFallback: "none" });
    const undated = await invoiceWith("Retainer", [{ name: "Retainer", deliveryDate: "2026-05-01" }, { name: "Extra hours" }]);
    const failed = await settled(undated);
    expect(failed).toMatchObject({ state: "failed", errorCode: "SERVICE_DATE_REQUIRED", quickbooksId: null });
    expect((await org.caller.sync.record({ id: failed.id })).error).toMatchObject({ code: "SERVICE_DATE_REQUIRED", category: "Revenue recognition" });
    expect((await ctx.quickbooks.queryAll("Invoice")).length).toBe(1);
  }, 90_000);
});
