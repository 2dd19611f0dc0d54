import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const HUBSPOT_API = "/sandbox/hubspot/api";

async function chooseOption(page: Page, label: string, option: string | RegExp) {
  await page.getByLabel(label, { exact: true }).click();
  await page.getByRole("option", { name: option }).click();
}

/** A token of another app installed in the portal: a HubSpot user's own integration making the invoice. */
async function hubspotToken(request: APIRequestContext, portalId: number): Promise<string> {
  const app = await request.post("/sandbox/hubspot/admin/apps", { data: { name: `E2E invoicer ${randomBytes(3).toString("hex")}`, redirectUris: ["http://127.0.0.1/cb"] } });
  expect(app.ok(), await app.text()).toBe(true);
  const { appId } = (await app.json()) as { appId: number };
  const installed = await request.post(`/sandbox/hubspot/admin/accounts/${portalId}/install`, { data: { appId } });
  expect(installed.ok(), await installed.text()).toBe(true);
  return ((await installed.json()) as { access_token: string }).access_token;
}

async function hubspotCall<T>(request: APIRequestContext, token: string, method: "post" | "patch", path: string, data: unknown): Promise<T> {
  const response = await request[method](`${HUBSPOT_API}${path}`, { data, headers: { authorization: `Bearer ${token}` } });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

test("a UK company: the user maps HubSpot's tax rates to VAT codes, and a taxed HubSpot invoice reaches QuickBooks with its VAT", async ({ page, account }) => {
  test.setTimeout(300_000);
  const tag = randomBytes(3).toString("hex");
  const company = await page.request.post("/sandbox/quickbooks/admin/companies", { data: { name: `E2E Tea ${tag}`, country: "GB" } });
  expect(company.ok()).toBe(true);
  const { realmId } = (await company.json()) as { realmId: string };
  const portalName = `E2E UK portal ${tag}`;

  await page.goto("/connections");
  await expect(page.getByTestId("org-name")).toContainText(account.company);
  await page.getByRole("button", { name: "Connect HubSpot" }).click();
  await page.getByRole("radio", { name: /Create a new sandbox account/ }).check();
  await page.getByLabel("New account name").fill(portalName);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("connection-hubspot").getByTestId("connection-status")).toHaveText("Active");
  await page.getByRole("button", { name: "Connect QuickBooks Online" }).click();
  await page.getByRole("radio", { name: new RegExp(`realm ${realmId}\\)`) }).check();
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByTestId("connection-quickbooks").getByTestId("connection-status")).toHaveText("Active");

  // The HubSpot account's tax rate library (set up in HubSpot's settings).
  const accounts = (await (await page.request.get("/sandbox/hubspot/admin/accounts")).json()) as { results: { id: number; name: string }[] };
  const portalId = accounts.results.find((a) => a.name === portalName)!.id;
  for (const [name, percentageRate] of [["VAT standard", 20], ["VAT reduced", 5]] as const) {
    const created = await page.request.post(`/sandbox/hubspot/admin/accounts/${portalId}/tax-rates`, { data: { name, percentageRate } });
    expect(created.ok()).toBe(true);
  }
  const standardId = ((await (await page.request.get(`/sandbox/hubspot/admin/accounts/${portalId}/tax-rates`)).json()) as { results: { id: string; name: string }[] }).results.find(
    (r) => r.name === "VAT standard",
  )!.id;

  await page.goto("/sync/invoices/settings");
  const missing = page.getByRole("list", { name: "Missing from the tax mapping" });
  // Reading both accounts' rates and codes takes a few provider calls.
  await expect(missing.getByRole("listitem")).toHaveCount(3, { timeout: 60_000 });
  await expect(missing).toContainText("“VAT standard” (20 %) is not mapped");
  await chooseOption(page, "VAT standard (20 %)", "20.0% S (20 %)");
  await chooseOption(page, "VAT reduced (5 %)", "5.0% R (5 %)");
  await chooseOption(page, "Tax code for lines without a HubSpot tax rate", "0.0% Z (0 %)");
  await page.getByRole("button", { name: "Save tax mapping" }).click();
  await expect(page.getByText("Tax mapping saved", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(missing).toBeHidden();
  await page.reload();
  await expect(page.getByLabel("VAT standard (20 %)", { exact: true })).toHaveText("20.0% S (20 %)", { timeout: 60_000 });
  await expect(page.getByLabel("Tax code for lines without a HubSpot tax rate", { exact: true })).toHaveText("0.0% Z (0 %)");

  await page.goto("/sync");
  await page.getByRole("switch", { name: "Invoices sync" }).click();
  await expect(page.getByRole("switch", { name: "Invoices sync" })).toBeChecked();

  // A HubSpot invoice: 100 at VAT standard plus 40 without a rate (→ 0.0% Z), finalized.
  const token = await hubspotToken(page.request, portalId);
  const contact = await hubspotCall<{ id: string }>(page.request, token, "post", "/crm/v3/objects/contacts", { properties: { email: `vat-${tag}@example.test`, firstname: "Val", lastname: "Added" } });
  const invoice = await hubspotCall<{ id: string }>(page.request, token, "post", "/crm/v3/objects/invoices", {
    properties: { hs_currency: "GBP", hs_title: "Tea tasting", hs_invoice_source: "hubspot" },
    associations: [{ to: { id: contact.id }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 177 }] }],
  });
  const toInvoice = [{ to: { id: invoice.id }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 410 }] }];
  await hubspotCall(page.request, token, "post", "/crm/v3/objects/line_items", { properties: { name: "Tasting", price: "100", quantity: "1", hs_tax_rate_group_id: standardId }, associations: toInvoice });
  await hubspotCall(page.request, token, "post", "/crm/v3/objects/line_items", { properties: { name: "Leaflets", price: "40", quantity: "1" }, associations: toInvoice });
  await hubspotCall(page.request, token, "patch", `/crm/v3/objects/invoices/${invoice.id}`, { properties: { hs_invoice_status: "open" } });

  // In QuickBooks: 140 + 20 VAT.
  await page.goto(`/sandbox/quickbooks/companies/${realmId}/invoices`);
  const row = page.getByRole("row").filter({ hasText: `vat-${tag}` }).or(page.getByRole("row").filter({ hasText: "Val Added" }));
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("$160.00", { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
});
