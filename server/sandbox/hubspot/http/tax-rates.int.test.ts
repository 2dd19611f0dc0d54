import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@hubspot/api-client";
import { apiError, startSandbox, installTestApp, type SandboxHarness } from "../testing/harness";

/** The account's tax rate library and taxed line items, through the official client. */
let h: SandboxHarness;
let client: Client;
let accountId: number;

beforeAll(async () => {
  h = await startSandbox();
  ({ client, accountId } = await installTestApp(h));
});
afterAll(async () => h?.close());

interface TaxRate {
  id: string;
  name: string;
  label: string;
  percentageRate: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

async function addRate(name: string, percentageRate: number, label?: string): Promise<TaxRate> {
  const created = await h.admin<TaxRate>("POST", `/accounts/${accountId}/tax-rates`, { name, percentageRate, label });
  expect(created.status).toBe(201);
  return created.body;
}

async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await client.apiRequest({ method: "GET", path });
  return { status: response.status, body: (await response.json()) as T };
}

const LINE_TAX = ["amount", "hs_tax_rate_group_id", "hs_tax_rate", "hs_tax_label", "hs_tax_amount", "hs_post_tax_amount"];

describe("tax rates", () => {
  it("lists and reads the account's tax rates, paged, and 404s an unknown one", async () => {
    const vat = await addRate("UK VAT standard", 20, "VAT 20%");
    const reduced = await addRate("UK VAT reduced", 5);
    expect(vat).toMatchObject({ id: expect.stringMatching(/^\d+$/), name: "UK VAT standard", label: "VAT 20%", percentageRate: 20, active: true });
    expect(reduced.label).toBe("UK VAT reduced");
    const one = await getJson<TaxRate>(`/tax-rates/v1/tax-rates/${vat.id}`);
    expect(one).toEqual({ status: 200, body: vat });
    const first = await getJson<{ results: TaxRate[]; paging?: { next: { after: string } } }>("/tax-rates/v1/tax-rates?limit=1");
    expect(first.body.results).toEqual([vat]);
    const second = await getJson<{ results: TaxRate[]; paging?: unknown }>(`/tax-rates/v1/tax-rates?limit=1&after=${first.body.paging!.next.after}`);
    expect(second.body.results).toEqual([reduced]);
    expect(second.body.paging).toBeUndefined();
    expect((await getJson("/tax-rates/v1/tax-rates/999")).status).toBe(404);
  });

  it("refuses a bad tax rate on the admin API and changes nothing", async () => {
    const before = (await h.admin<{ results: TaxRate[] }>("GET", `/accounts/${accountId}/tax-rates`)).body.results;
    expect((await h.admin("POST", `/accounts/${accountId}/tax-rates`, { name: "", percentageRate: 120 })).status).toBe(400);
    expect((await h.admin<{ results: TaxRate[] }>("GET", `/accounts/${accountId}/tax-rates`)).body.results).toEqual(before);
  });

  it("taxes a line item by its rate, includes the tax in the invoice total, and refuses an unknown rate", async () => {
    const rate = await addRate("GST", 5);
    const hst = await addRate("HST ON", 13);
    const invoice = await client.crm.objects.basicApi.create("invoices", { properties: { hs_currency: "CAD" }, associations: [] });
    const toInvoice = [{ to: { id: invoice.id }, types: [{ associationCategory: "HUBSPOT_DEFINED" as never, associationTypeId: 410 }] }];
    const taxed = await client.crm.objects.basicApi.create("line_items", { properties: { name: "Syrup", price: "19.99", quantity: "3", hs_tax_rate_group_id: rate.id }, associations: toInvoice });
    const untaxed = await client.crm.objects.basicApi.create("line_items", { properties: { name: "Napkins", price: "2", quantity: "1" }, associations: toInvoice });
    const read = async (id: string) => (await client.crm.objects.basicApi.getById("line_items", id, LINE_TAX)).properties;
    // 59.97 × 5 % = 2.9985 → 3.
    expect(await read(taxed.id)).toMatchObject({ amount: "59.97", hs_tax_rate_group_id: rate.id, hs_tax_rate: "5", hs_tax_label: "GST", hs_tax_amount: "3", hs_post_tax_amount: "62.97" });
    expect(await read(untaxed.id)).toMatchObject({ amount: "2", hs_tax_amount: null, hs_tax_rate: null });
    const billed = async () => (await client.crm.objects.basicApi.getById("invoices", invoice.id, ["hs_amount_billed", "hs_balance_due"])).properties;
    expect(await billed()).toMatchObject({ hs_amount_billed: "64.97", hs_balance_due: "64.97" });

    await client.crm.objects.basicApi.update("line_items", untaxed.id, { properties: { hs_tax_rate_group_id: hst.id } });
    expect(await read(untaxed.id)).toMatchObject({ hs_tax_rate: "13", hs_tax_amount: "0.26", hs_post_tax_amount: "2.26" });
    expect((await billed()).hs_amount_billed).toBe("65.23");
    await client.crm.objects.basicApi.update("line_items", taxed.id, { properties: { hs_tax_rate_group_id: "" } });
    expect(await read(taxed.id)).toMatchObject({ hs_tax_amount: null, hs_post_tax_amount: null });
    expect((await billed()).hs_amount_billed).toBe("62.23");

    const unknown = await apiError(client.crm.objects.basicApi.update("line_items", taxed.id, { properties: { hs_tax_rate_group_id: "424242" } }));
    expect(unknown.code).toBe(400);
    expect(String(unknown.body.message)).toContain("hs_tax_rate_group_id");
    const readOnly = await apiError(client.crm.objects.basicApi.update("line_items", taxed.id, { properties: { hs_tax_amount: "1" } }));
    expect(readOnly.code).toBe(400);
    expect((await billed()).hs_amount_billed).toBe("62.23");
  });

  it("keeps other accounts' rates apart", async () => {
    const other = await installTestApp(h);
    const mine = await addRate("Mine", 7);
    const response = await other.client.apiRequest({ method: "GET", path: `/tax-rates/v1/tax-rates/${mine.id}` });
    expect(response.status).toBe(404);
    const mineRead = await getJson<TaxRate>(`/tax-rates/v1/tax-rates/${mine.id}`);
    expect(mineRead.status).toBe(200);
  });
});
