import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@hubspot/api-client";
import { apiError, startSandbox, installTestApp, type SandboxHarness } from "../testing/harness";

let h: SandboxHarness;
let client: Client;

beforeAll(async () => {
  h = await startSandbox();
  client = (await installTestApp(h)).client;
});
afterAll(async () => h?.close());

const PROPS = ["hs_invoice_status", "hs_amount_billed", "hs_amount_paid", "hs_balance_due", "hs_number", "hs_invoice_source", "hs_object_source"];
const invoiceProps = async (id: string) => (await client.crm.objects.basicApi.getById("invoices", id, PROPS)).properties;

async function draftWithLine(price = "100", quantity = "2") {
  const invoice = await client.crm.objects.basicApi.create("invoices", { properties: { hs_currency: "USD", hs_title: "Test" }, associations: [] });
  const line = await client.crm.objects.basicApi.create("line_items", {
    properties: { name: "Work", price, quantity },
    associations: [{ to: { id: invoice.id }, types: [{ associationCategory: "HUBSPOT_DEFINED" as never, associationTypeId: 410 }] }],
  });
  return { invoice, line };
}

describe("invoice rules", () => {
  it("a draft needs hs_currency", async () => {
    const error = await apiError(client.crm.objects.basicApi.create("invoices", { properties: { hs_title: "No currency" }, associations: [] }));
    expect(error.code).toBe(400);
    expect(error.body.category).toBe("VALIDATION_ERROR");
  });

  it("computes totals from line items and marks the source of API-created invoices", async () => {
    const { invoice, line } = await draftWithLine("100", "2");
    expect(await invoiceProps(invoice.id)).toMatchObject({ hs_invoice_status: "draft", hs_amount_billed: "200", hs_balance_due: "200", hs_amount_paid: "0", hs_invoice_source: "quickbooks", hs_object_source: "INTEGRATION" });
    await client.crm.objects.basicApi.update("line_items", line.id, { properties: { hs_discount_percentage: "10" } });
    expect((await invoiceProps(invoice.id)).hs_amount_billed).toBe("180");
    const readOnly = await apiError(client.crm.objects.basicApi.update("invoices", invoice.id, { properties: { hs_amount_paid: "5" } }));
    expect(readOnly.code).toBe(400);
  });

  it("refuses to open an invoice without a contact or without line items", async () => {
    const bare = await client.crm.objects.basicApi.create("invoices", { properties: { hs_currency: "USD" }, associations: [] });
    const noLines = await apiError(client.crm.objects.basicApi.update("invoices", bare.id, { properties: { hs_invoice_status: "open" } }));
    expect(noLines.code).toBe(400);
    expect(String(noLines.body.message)).toContain("contact");

    const { invoice } = await draftWithLine();
    const noContact = await apiError(client.crm.objects.basicApi.update("invoices", invoice.id, { properties: { hs_invoice_status: "open" } }));
    expect(String(noContact.body.message)).toContain("contact");
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: `c${Date.now()}@example.com` }, associations: [] });
    await client.crm.associations.v4.basicApi.createDefault("invoices", invoice.id, "contacts", contact.id);
    const noLineInvoice = await client.crm.objects.basicApi.create("invoices", { properties: { hs_currency: "USD" }, associations: [] });
    await client.crm.associations.v4.basicApi.createDefault("invoices", noLineInvoice.id, "contacts", contact.id);
    const stillNoLines = await apiError(client.crm.objects.basicApi.update("invoices", noLineInvoice.id, { properties: { hs_invoice_status: "open" } }));
    expect(String(stillNoLines.body.message)).toContain("line item");
    expect((await invoiceProps(noLineInvoice.id)).hs_invoice_status).toBe("draft");
  });

  it("finalizes with a number, gets paid by succeeded payments, and only drafts can be deleted", async () => {
    const { invoice } = await draftWithLine("50", "3");
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: `p${Date.now()}@example.com` }, associations: [] });
    await client.crm.associations.v4.basicApi.createDefault("invoices", invoice.id, "contacts", contact.id);
    await client.crm.objects.basicApi.update("invoices", invoice.id, { properties: { hs_invoice_status: "open" } });
    const opened = await invoiceProps(invoice.id);
    expect(opened.hs_invoice_status).toBe("open");
    expect(opened.hs_number).toMatch(/^INV-\d+$/);

    const cantDelete = await apiError(client.crm.objects.basicApi.archive("invoices", invoice.id));
    expect(cantDelete.code).toBe(400);

    const toInvoice = [{ to: { id: invoice.id }, types: [{ associationCategory: "HUBSPOT_DEFINED" as never, associationTypeId: 542 }] }];
    const failed = await client.crm.objects.basicApi.create("commerce_payments", { properties: { hs_initial_amount: "150", hs_initiated_date: new Date().toISOString(), hs_latest_status: "failed" }, associations: toInvoice });
    expect((await invoiceProps(invoice.id)).hs_amount_paid).toBe("0");
    await client.crm.objects.basicApi.create("commerce_payments", { properties: { hs_initial_amount: "100", hs_initiated_date: new Date().toISOString(), hs_latest_status: "succeeded", hs_processor_type: "quickbooks" }, associations: toInvoice });
    expect(await invoiceProps(invoice.id)).toMatchObject({ hs_invoice_status: "open", hs_amount_paid: "100", hs_balance_due: "50" });
    await client.crm.objects.basicApi.update("commerce_payments", failed.id, { properties: { hs_initial_amount: "50", hs_latest_status: "succeeded" } });
    expect(await invoiceProps(invoice.id)).toMatchObject({ hs_invoice_status: "paid", hs_amount_paid: "150", hs_balance_due: "0" });

    const cantVoid = await apiError(client.crm.objects.basicApi.update("invoices", invoice.id, { properties: { hs_invoice_status: "voided" } }));
    expect(cantVoid.code).toBe(400);

    const payment = await apiError(client.crm.objects.basicApi.create("commerce_payments", { properties: { hs_initial_amount: "1" }, associations: [] }));
    expect(payment.code).toBe(400);
  });

  it("voids an open invoice, and deletes a draft", async () => {
    const { invoice } = await draftWithLine();
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: `v${Date.now()}@example.com` }, associations: [] });
    await client.crm.associations.v4.basicApi.createDefault("invoices", invoice.id, "contacts", contact.id);
    await client.crm.objects.basicApi.update("invoices", invoice.id, { properties: { hs_invoice_status: "open" } });
    await client.crm.objects.basicApi.update("invoices", invoice.id, { properties: { hs_invoice_status: "voided" } });
    expect((await invoiceProps(invoice.id)).hs_invoice_status).toBe("voided");
    const reopen = await apiError(client.crm.objects.basicApi.update("invoices", invoice.id, { properties: { hs_invoice_status: "open" } }));
    expect(reopen.code).toBe(400);

    const { invoice: draft } = await draftWithLine();
    await client.crm.objects.basicApi.archive("invoices", draft.id);
    expect((await apiError(client.crm.objects.basicApi.getById("invoices", draft.id))).code).toBe(404);
  });

  it("refuses a negative price and a line item shared by two invoices", async () => {
    const negative = await apiError(client.crm.objects.basicApi.create("line_items", { properties: { name: "x", price: "-1" }, associations: [] }));
    expect(negative.code).toBe(400);
    const { line } = await draftWithLine();
    const other = await client.crm.objects.basicApi.create("invoices", { properties: { hs_currency: "USD" }, associations: [] });
    const shared = await apiError(client.crm.associations.v4.basicApi.createDefault("invoices", other.id, "line_items", line.id));
    expect(shared.code).toBe(400);
  });

  it("reads an invoice with its line items under HubSpot's \"line items\" key", async () => {
    const { invoice, line } = await draftWithLine();
    const read = await client.crm.objects.basicApi.getById("invoices", invoice.id, ["hs_currency"], undefined, ["line_items"]);
    expect(read.associations?.["line items"]?.results).toEqual([{ id: line.id, type: "invoice_to_line_item" }]);
  });

  it("line items inherit name, price and SKU from their product", async () => {
    const product = await client.crm.products.basicApi.create({ properties: { name: "Gizmo", price: "12.5", hs_sku: "GZ-1" }, associations: [] });
    const line = await client.crm.objects.basicApi.create("line_items", { properties: { hs_product_id: product.id, quantity: "2" }, associations: [] });
    const read = await client.crm.objects.basicApi.getById("line_items", line.id, ["name", "price", "hs_sku", "amount"]);
    expect(read.properties).toMatchObject({ name: "Gizmo", price: "12.5", hs_sku: "GZ-1", amount: "25" });
  });
});
