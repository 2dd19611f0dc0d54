/**
 * The invoice mappings that aren't plain field pairs: the billing email (one way, from the
 * invoice's contact) and the parts of a line, switched off and on again from the settings page,
 * checked on the invoice QuickBooks receives.
 */
import { expect, test } from "./fixtures";
import { connectBoth, createDemoCompany, finalizedHubSpotInvoice, rowOf, setSync } from "./helpers";

const AMY_EMAIL = "birds@intuit.example";

test("line descriptions switched off reach QuickBooks without them; switched on again, the offered resync brings them; the unit price and the billing email's direction say why they can't change", async ({ page, account }) => {
  test.setTimeout(300_000);
  await page.goto("/sync");
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  const portal = await connectBoth(page, await createDemoCompany(page));

  await page.goto("/sync/invoices/settings");
  const billingEmail = page.getByTestId("mapping-row").filter({ hasText: "Billing email" });
  await expect(billingEmail).toContainText("HubSpot the invoice contact's email → QuickBooks BillEmail.Address");
  await expect(billingEmail).toContainText("HubSpot invoices have no billing email of their own");
  await expect(page.getByRole("button", { name: "Edit Billing email" })).toHaveCount(0);
  const lines = page.getByRole("region", { name: "Invoice lines" });
  await expect(lines.getByRole("switch", { name: "Sync line unit price" })).toBeDisabled();
  await expect(lines.getByTestId("line-mapping-row").filter({ hasText: "Line unit price" })).toContainText("without the price the invoice totals and balances would differ");
  const description = lines.getByRole("switch", { name: "Sync line description" });
  await description.click();
  await expect(description).toHaveAttribute("aria-checked", "false");
  await expect(lines).toContainText("Descriptions aren't copied: each side keeps its own");
  await page.reload();
  await expect(lines.getByRole("switch", { name: "Sync line description" })).toHaveAttribute("aria-checked", "false");

  for (const object of ["Products", "Contacts", "Invoices"]) await setSync(page, object, true);
  await expect(page.getByTestId("contacts-synced")).toHaveText("3", { timeout: 30_000 });
  const invoice = await finalizedHubSpotInvoice(page, portal, AMY_EMAIL, "Quiet lines");
  const hubspotDescription = (await page.getByRole("table", { name: "Line items" }).getByRole("row").nth(1).getByRole("cell").first().innerText()).trim();
  expect(hubspotDescription).not.toBe("");

  await page.goto("/records?object=invoices&state=synced");
  await expect(rowOf(page, invoice.url)).toHaveCount(1, { timeout: 90_000 });
  await rowOf(page, invoice.url).locator('a[href^="/records/"]').click();
  const quickbooksInvoiceUrl = (await page.getByTestId("integration-sync").getByRole("link", { name: /^QuickBooks invoice \d+/ }).getAttribute("href"))!;
  await page.goto(quickbooksInvoiceUrl);
  await expect(page.getByLabel("Invoice no.")).toHaveValue(invoice.number);
  await expect(page.getByLabel("Line 1 description")).toHaveValue("");

  // Switched on again: the records synced without descriptions are offered a resync, which brings HubSpot's.
  await page.goto("/sync/invoices/settings");
  await lines.getByRole("switch", { name: "Sync line description" }).click();
  const offer = page.getByRole("status").filter({ hasText: "synced under the old mappings" });
  await expect(offer).toBeVisible();
  await offer.getByRole("button", { name: /^Resync \d+ records?$/ }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /Resync of invoices: \d+ synced/ })).toBeVisible({ timeout: 120_000 });
  await page.goto(quickbooksInvoiceUrl);
  await expect(page.getByLabel("Line 1 description")).toHaveValue(hubspotDescription);
});
