/**
 * Sync settings whose effect only shows in the synced data: a mapping's own conflict winner,
 * switching a sync off and on with changes made meanwhile, service dates for QuickBooks revenue
 * recognition, and retrying failed records once the cause is fixed. Each checks both apps' pages.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { capture, chooseOption, clearOfReconciliation, connectBoth, createDemoCompany, finalizedHubSpotInvoice, revenueRecognitionSetup, rowOf, selectedText, setSync } from "./helpers";

const AMY_EMAIL = "birds@intuit.example";

/** The sandbox HubSpot page of the contact with this email. */
async function hubspotContactUrl(page: Page, portal: string, email: string): Promise<string> {
  await page.goto(`/sandbox/hubspot/${portal}/contacts`);
  const row = page.getByRole("table", { name: "Contacts" }).getByRole("row").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  return (await row.getByRole("link").getAttribute("href"))!;
}

test("a mapping's own conflict winner, and switching a sync off and on: changes made on both sides while off settle by the object's and the field's winners", async ({ page, account }) => {
  test.setTimeout(300_000);
  await page.goto("/sync");
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  const realmId = await createDemoCompany(page);
  const portal = await connectBoth(page, realmId);

  // Contacts two-way with HubSpot winning, except the last name, which QuickBooks always wins.
  await page.goto("/sync/contacts/settings");
  await chooseOption(page, "Contacts sync", "Two-way");
  await chooseOption(page, "Conflict winner", "Use HubSpot data");
  await expect(page.getByLabel("Conflict winner", { exact: true })).toHaveText(/Use HubSpot data/);
  await page.getByRole("button", { name: "Edit Last name" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit Last name" });
  await expect(dialog.getByLabel("When both sides changed it", { exact: true })).toHaveText(/As the contact sync: HubSpot wins/);
  await chooseOption(page, "When both sides changed it", "Always QuickBooks");
  await dialog.getByRole("button", { name: "Save mapping" }).click();
  await expect(dialog).toBeHidden();
  const lastName = page.getByTestId("mapping-row").filter({ hasText: "Last name" });
  await expect(lastName.getByTestId("mapping-overrides")).toHaveText("Always QuickBooks wins");
  await expect(page.getByTestId("mapping-row").filter({ hasText: "First name" }).getByTestId("mapping-overrides")).toHaveCount(0);
  await capture(page, "mapping-editor", () => expect(lastName).toBeVisible());

  await setSync(page, "Contacts", true);
  await expect(page.getByTestId("contacts-synced")).toHaveText("3", { timeout: 30_000 });
  const contactUrl = await hubspotContactUrl(page, portal, AMY_EMAIL);
  await page.goto(`/sandbox/quickbooks/companies/${realmId}/customers`);
  const customerUrl = (await page.getByRole("link", { name: "Amy's Bird Sanctuary" }).getAttribute("href"))!;

  // Off: the switch says what that means.
  await setSync(page, "Contacts", false);
  await expect(page.getByTestId("sync-effect-contacts")).toContainText("Off: nothing syncs. Switching on runs the initial sync");

  // While off, both sides change the first and the last name.
  await page.goto(contactUrl);
  await page.getByLabel("First name").fill("Amy-HS");
  await page.getByLabel("Last name").fill("Lauter-HS");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Last name")).toHaveValue("Lauter-HS");
  await page.goto(customerUrl);
  await page.getByLabel("First name").fill("Amy-QB");
  await page.getByLabel("Last name").fill("Lauter-QB");
  await page.getByRole("button", { name: "Save customer" }).click();
  await expect(page.getByRole("table", { name: "Customers" })).toBeVisible();
  // Nothing crossed over while off: each side still has its own edit.
  await page.goto(customerUrl);
  await expect(page.getByLabel("First name")).toHaveValue("Amy-QB");
  await expect(page.getByLabel("Last name")).toHaveValue("Lauter-QB");
  await page.goto(contactUrl);
  await expect(page.getByLabel("First name")).toHaveValue("Amy-HS");
  await expect(page.getByLabel("Last name")).toHaveValue("Lauter-HS");

  // On again: the initial sync settles each field by its winner, on both sides.
  await setSync(page, "Contacts", true);
  await expect(page.getByTestId("sync-effect-contacts")).toContainText("On: changes sync Two-way");
  await expect(async () => {
    await page.goto(customerUrl);
    await expect(page.getByLabel("First name")).toHaveValue("Amy-HS", { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByLabel("Last name")).toHaveValue("Lauter-QB");
  await expect(page.getByLabel("Email")).toHaveValue(AMY_EMAIL);
  await expect(async () => {
    await page.goto(contactUrl);
    await expect(page.getByLabel("Last name")).toHaveValue("Lauter-QB", { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByLabel("First name")).toHaveValue("Amy-HS");
  await expect(page.getByLabel("Company")).toHaveValue("Amy's Bird Sanctuary");

  // The record's activity says which field went which way, before → after.
  await page.goto("/records?object=contacts&text=Amy%27s%20Bird");
  await page.getByRole("button", { name: "Show activity of Amy's Bird Sanctuary" }).click();
  const timeline = page.getByRole("list", { name: "Activity of Amy's Bird Sanctuary" });
  const toQuickBooks = timeline.getByTestId("activity-entry").filter({ hasText: "HubSpot → QuickBooks" }).filter({ hasText: "Amy-HS" }).first();
  await expect(toQuickBooks.getByTestId("activity-change").filter({ hasText: "Amy-QB" })).toHaveText("Amy-QB → Amy-HS");
  await expect(toQuickBooks).toContainText("First name");
  const toHubSpot = timeline.getByTestId("activity-entry").filter({ hasText: "QuickBooks → HubSpot" }).filter({ hasText: "Lauter-QB" }).first();
  await expect(toHubSpot.getByTestId("activity-change").filter({ hasText: "Lauter-HS" })).toHaveText("Lauter-HS → Lauter-QB");
  await expect(toHubSpot).toContainText("Last name");
});

test("service dates: an invoice fails under revenue recognition, the user picks a service-date rule, retries one and then all of that error, and QuickBooks gets the dates", async ({ page, account }) => {
  test.setTimeout(420_000);
  await page.goto("/sync");
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  // The QuickBooks company recognizes revenue; Tandem's own line-item date property is created in HubSpot; no fallback yet.
  const { portal } = await revenueRecognitionSetup(page);
  const property = page.getByLabel("HubSpot line-item date property", { exact: true });
  await expect(property).toHaveText("Service date (created by Tandem: tandem_service_date)");
  // Any other line-item date property could be picked instead.
  await property.click();
  await expect(page.getByRole("option", { name: "Service start date (hs_service_start_date)" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByLabel("A line without a service date gets", { exact: true })).toHaveText(/Nothing/);

  for (const object of ["Products", "Contacts", "Invoices"]) await setSync(page, object, true);
  await expect(page.getByTestId("contacts-synced")).toHaveText("3", { timeout: 30_000 });

  // Two HubSpot invoices whose lines carry no service date: QuickBooks refuses both.
  const first = await finalizedHubSpotInvoice(page, portal, AMY_EMAIL, "First order");
  const second = await finalizedHubSpotInvoice(page, portal, AMY_EMAIL, "Second order");
  const failedPage = "/records?object=invoices&state=failed&errorCode=SERVICE_DATE_REQUIRED";
  await page.goto(failedPage);
  await expect(rowOf(page, first.url)).toHaveCount(1, { timeout: 90_000 });
  await expect(rowOf(page, second.url)).toHaveCount(1, { timeout: 90_000 });
  const explanation = page.getByTestId("error-explanation").first();
  await expect(explanation).toHaveText("Revenue recognition is on in QuickBooks, so every invoice line needs a service date.");
  await expect(page.getByTestId("error-fix").first()).toContainText("Service dates");
  await expect(rowOf(page, first.url)).toContainText("Not in QuickBooks");

  // The fix: lines without a date take the invoice date. The retries below (about a minute) run
  // between two reconciliation passes, so each invoice syncs by its retry.
  await clearOfReconciliation(page, 120_000);
  await page.goto("/sync/invoices/settings");
  await chooseOption(page, "A line without a service date gets", "The invoice date");
  await expect(page.getByTestId("toast").filter({ hasText: "Service date setting saved" })).toBeVisible();

  // Retry one: it syncs and says so; the other stays failed until it is retried too.
  await page.goto(failedPage);
  await rowOf(page, first.url).getByRole("button", { name: /^Retry / }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Retry queued" })).toBeVisible();
  await expect(page.getByTestId("toast").filter({ hasText: "The retry went through; both sides match." })).toBeVisible({ timeout: 90_000 });
  await expect(rowOf(page, first.url)).toHaveCount(0, { timeout: 10_000 });
  await expect(rowOf(page, second.url)).toHaveCount(1);
  await page.goto("/records?object=invoices&state=synced");
  await expect(rowOf(page, first.url)).toHaveCount(1, { timeout: 30_000 });

  // Retry all of the error code: the rest follow.
  await page.goto(failedPage);
  await expect(rowOf(page, second.url)).toHaveCount(1, { timeout: 30_000 });
  await page.getByRole("button", { name: /^Retry all: Revenue recognition/ }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /queued for retry/ })).toBeVisible();
  await expect(page.getByTestId("record-row")).toHaveCount(0, { timeout: 90_000 });
  await page.goto("/records?object=invoices&state=synced");
  await expect(rowOf(page, second.url)).toHaveCount(1, { timeout: 30_000 });

  // Both invoices are in QuickBooks, every line dated with the invoice date.
  for (const invoice of [first, second]) {
    await page.goto("/records?object=invoices&state=synced");
    const row = rowOf(page, invoice.url);
    await page.goto((await row.getByRole("link", { name: /in QuickBooks/ }).getAttribute("href"))!);
    await expect(page.getByLabel("Invoice no.")).toHaveValue(invoice.number);
    expect(await selectedText(page, "Customer")).toBe("Amy's Bird Sanctuary");
    expect(await selectedText(page, "Line 1 item")).toBe("Widget");
    const invoiceDate = await page.getByLabel("Invoice date").inputValue();
    expect(invoiceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByLabel("Line 1 service date")).toHaveValue(invoiceDate);
    await expect(page.getByTestId("invoice-total")).toHaveText("$25.00");
  }
  await capture(page, "sync-settings-invoices", async () => {
    await page.goto("/sync/invoices/settings");
    await expect(page.getByLabel("A line without a service date gets", { exact: true })).toHaveText(/The invoice date/);
  });
});
