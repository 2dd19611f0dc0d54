/**
 * One invoice's "Integration sync" panel, retried there before and after its cause is fixed, and
 * its payment's record linked to the payment pages of both apps.
 */
import { expect, test } from "./fixtures";
import { chooseOption, finalizedHubSpotInvoice, revenueRecognitionSetup, rowOf, setSync } from "./helpers";

const AMY_EMAIL = "birds@intuit.example";

test("the Integration sync panel's Retry tells the outcome, failed again and then synced; the invoice's payment links to its page in both apps", async ({ page, account }) => {
  test.setTimeout(420_000);
  await page.goto("/sync");
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  // Revenue recognition on in QuickBooks: a line without a service date is refused.
  const { realmId, portal } = await revenueRecognitionSetup(page);
  for (const object of ["Products", "Contacts", "Invoices"]) await setSync(page, object, true);
  await expect(page.getByTestId("contacts-synced")).toHaveText("3", { timeout: 30_000 });

  const invoice = await finalizedHubSpotInvoice(page, portal, AMY_EMAIL, "Panel order");
  await page.goto("/records?object=invoices&state=failed");
  await expect(rowOf(page, invoice.url)).toHaveCount(1, { timeout: 90_000 });
  await rowOf(page, invoice.url).locator('a[href^="/records/"]').click();
  await expect(page).toHaveURL(/\/records\/[0-9a-f-]{36}$/);
  const recordPage = page.url();
  const panel = page.getByTestId("integration-sync");
  await expect(panel.getByTestId("invoice-state")).toHaveText("Failed");
  await expect(panel.getByTestId("error-explanation")).toHaveText("Revenue recognition is on in QuickBooks, so every invoice line needs a service date.");
  await expect(panel).toContainText("Not created yet");

  // Retried before the cause is fixed: it says it failed again, and why.
  await panel.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Retry queued" })).toBeVisible();
  await expect(page.getByTestId("toast").filter({ hasText: "failed again: Revenue recognition" })).toBeVisible({ timeout: 90_000 });
  await expect(panel.getByTestId("invoice-state")).toHaveText("Failed");

  // Fixed (lines take the invoice date) and retried: synced, with its QuickBooks invoice linked.
  await page.goto("/sync/invoices/settings");
  await chooseOption(page, "A line without a service date gets", "The invoice date");
  await expect(page.getByTestId("toast").filter({ hasText: "Service date setting saved" })).toBeVisible();
  await page.goto(recordPage);
  await panel.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "synced" }).filter({ hasText: "The retry went through; both sides match." })).toBeVisible({ timeout: 90_000 });
  await expect(panel.getByTestId("invoice-state")).toHaveText("Synced", { timeout: 15_000 });
  await expect(panel.getByRole("button", { name: "Retry" })).toHaveCount(0);
  const counterpart = panel.getByRole("link", { name: /^QuickBooks invoice \d+/ });
  const quickbooksInvoiceUrl = (await counterpart.getAttribute("href"))!;
  await page.goto(quickbooksInvoiceUrl);
  await expect(page.getByLabel("Invoice no.")).toHaveValue(invoice.number);
  await expect(page.getByTestId("invoice-total")).toHaveText("$25.00");

  // A payment recorded in HubSpot goes to QuickBooks: its record links to the payment's page in each app.
  await page.goto(invoice.url);
  await page.getByLabel("Payment amount").fill("25");
  await page.getByRole("button", { name: "Record payment" }).click();
  await expect(page.getByTestId("amount-paid")).toHaveText("USD 25.00");
  // The demo company's own invoices bring their payments too: this one is found by its HubSpot page.
  const paymentPage = (await page.getByRole("table", { name: "Payments" }).getByRole("link").first().getAttribute("href"))!;
  const payment = rowOf(page, paymentPage);
  await expect(async () => {
    await page.goto("/records?object=payments&state=synced");
    await expect(payment).toHaveCount(1, { timeout: 2000 });
  }).toPass({ timeout: 120_000 });
  const inQuickBooks = payment.getByRole("link", { name: /in QuickBooks \(new tab\)$/ });
  const inHubSpot = payment.getByRole("link", { name: /in HubSpot \(new tab\)$/ });
  await expect(inQuickBooks).toHaveAttribute("href", new RegExp(`/sandbox/quickbooks/companies/${realmId}/payments/\\d+$`));
  await expect(inHubSpot).toHaveAttribute("href", new RegExp(`/sandbox/hubspot/${portal}/payments/\\d+$`));
  const hubspotPaymentUrl = (await inHubSpot.getAttribute("href"))!;

  await page.goto((await inQuickBooks.getAttribute("href"))!);
  await expect(page.getByTestId("payment-amount")).toHaveText("$25.00");
  await expect(page.getByRole("table", { name: "Applied to invoices" })).toContainText(`Invoice ${invoice.number}`);

  await page.goto(hubspotPaymentUrl);
  await expect(page.getByTestId("payment-amount")).toHaveText("USD 25.00");
  await expect(page.getByTestId("payment-status")).toHaveText("succeeded");
  await expect(page.getByRole("table", { name: "Invoices" })).toContainText(invoice.number);
  await page.getByRole("link", { name: "Panel order" }).click();
  await expect(page).toHaveURL(invoice.url);
});
