/**
 * The whole product as a new customer meets it, in one browser: sign up through the form, set the
 * sync up in the wizard (connecting both sandboxes through their consent pages), check the
 * preview, start, then work in the sandbox HubSpot and QuickBooks as their users would and watch
 * Tandem keep both sides in step. Every step checks both apps' own pages, field by field.
 */
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, newAccount, signUpThroughForm, test } from "./fixtures";
import { approveHubSpot, approveQuickBooks, capture, chooseOption, createDemoCompany, hubspotAccountId, rowOf, selectedText, selectOptionContaining } from "./helpers";

const EMAIL = "birds@intuit.example";

/** The records page filtered to one object and state. */
async function records(page: Page, object: string, state: string) {
  await page.goto(`/records?object=${object}&state=${state}`);
}

test("a new customer signs up, sets the sync up in the wizard, and Tandem keeps HubSpot and QuickBooks invoices in step", async ({ page }) => {
  test.setTimeout(420_000);
  const realmId = await createDemoCompany(page);
  const po = `PO-${randomBytes(2).toString("hex")}`;

  // Sign up through the form: it lands on the wizard.
  const account = newAccount();
  await signUpThroughForm(page, account);
  await expect(page).toHaveURL(/\/setup/, { timeout: 60_000 });
  await expect(page.getByRole("heading", { name: "1. Connect" })).toBeVisible();

  // 1. Connect both apps through their consent pages; each round trip comes back to the wizard.
  await page.getByRole("button", { name: "Connect HubSpot" }).click();
  await approveHubSpot(page);
  await expect(page).toHaveURL(/\/setup\?step=connect&connected=hubspot$/);
  await expect(page.getByTestId("setup-connect-notice")).toHaveText("HubSpot connected.");
  const hubspotCard = page.getByTestId("setup-connection-hubspot");
  await expect(hubspotCard).toContainText("Active");
  const portal = hubspotAccountId(await hubspotCard.innerText());
  await page.getByRole("button", { name: "Connect QuickBooks Online" }).click();
  await approveQuickBooks(page, realmId);
  await expect(page).toHaveURL(/\/setup\?step=connect&connected=quickbooks$/);
  await expect(page.getByTestId("setup-connection-quickbooks")).toContainText("Active");
  await capture(page, "setup-connect", () => expect(page.getByTestId("setup-connection-quickbooks")).toContainText("Active"));

  // Before Tandem syncs anything, the HubSpot account already has this customer's contact, under other names.
  await page.goto(`/sandbox/hubspot/${portal}/contacts`);
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("First name").fill("Amelia");
  await page.getByLabel("Last name").fill("Byrd");
  await page.getByLabel("Company").fill("Old Sanctuary");
  await page.getByRole("button", { name: "Create contact" }).click();
  const contactRow = page.getByRole("table", { name: "Contacts" }).getByRole("row").filter({ hasText: EMAIL });
  const contactUrl = await contactRow.getByRole("link").getAttribute("href");

  // 2. Pre-flight: each check with its reason.
  await page.goto("/setup?step=connect");
  await page.getByRole("button", { name: "Next: Pre-flight checks" }).click();
  const checks = page.getByRole("list", { name: "Pre-flight checks" });
  await expect(checks.getByRole("listitem").first()).toBeVisible();
  expect(await checks.getByRole("listitem").count()).toBeGreaterThanOrEqual(5);
  await expect(checks).not.toContainText("Blocks");

  // 3. Contacts: two-way, QuickBooks wins, first names not mapped.
  await page.getByRole("button", { name: "Next: Contacts" }).click();
  await chooseOption(page, "Contacts sync", "Two-way");
  await expect(page.getByLabel("Contacts sync", { exact: true })).toHaveText(/Two-way/);
  await chooseOption(page, "Conflict winner", "Use QuickBooks Online data");
  await expect(page.getByLabel("Conflict winner", { exact: true })).toHaveText(/Use QuickBooks Online data/);
  const firstName = page.getByRole("switch", { name: "Map First name" });
  await firstName.click();
  await expect(firstName).not.toBeChecked();
  await expect(page.getByRole("switch", { name: "Map Last name" })).toBeChecked();
  await capture(page, "setup-contacts", () => expect(page.getByTestId("mapping-row").first()).toBeVisible());

  // 4. Products keep their defaults.
  await page.getByRole("button", { name: "Next: Products" }).click();
  await expect(page.getByRole("heading", { name: "4. Products" })).toBeVisible();

  // 5. Invoices: a PO-number mapping to QuickBooks' custom field, the "created after today" filter, an income account.
  await page.getByRole("button", { name: "Next: Invoices" }).click();
  await page.getByRole("button", { name: "Add a mapping" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add a mapping" });
  await chooseOption(page, "HubSpot property", /^Purchase order number/);
  await chooseOption(page, "QuickBooks field", /PO Number/);
  await dialog.getByRole("button", { name: "Save mapping" }).click();
  await expect(dialog).toBeHidden();
  const poMapping = page.getByTestId("mapping-row").filter({ hasText: "Purchase order number" });
  await expect(poMapping).toContainText("Custom");
  await expect(poMapping).toContainText("HubSpot hs_purchase_order_number ↔ QuickBooks CustomField:1");
  await page.getByRole("button", { name: "Only records created after today (recommended)" }).click();
  const inbound = page.getByRole("list", { name: "Inbound filters" });
  await expect(inbound.getByRole("listitem")).toHaveCount(1);
  await expect(inbound).toContainText(new Date().toISOString().slice(0, 10));
  await page.getByLabel("Income account for custom line items", { exact: true }).click();
  const account0 = page.getByRole("option").first();
  const incomeAccount = (await account0.innerText()).trim();
  await account0.click();
  await expect(page.getByTestId("toast").filter({ hasText: "Income account saved" })).toBeVisible();
  await capture(page, "setup-invoices", () => expect(poMapping).toBeVisible());

  // 6. Payments follow invoices.
  await page.getByRole("button", { name: "Next: Payments" }).click();
  await expect(page.getByText("Payments have no settings of their own")).toBeVisible();

  // 7. Preview: the existing HubSpot contact is linked and its fields overwritten by QuickBooks', except the unmapped first name.
  await page.getByRole("button", { name: "Next: Preview" }).click();
  const contactsPreview = page.getByTestId("preview-contacts");
  await contactsPreview.getByTestId("preview-count-link").click();
  const amy = contactsPreview.getByTestId("preview-item").filter({ hasText: "Amy's Bird Sanctuary" });
  await expect(amy).toContainText("Link and overwrite 2 fields");
  const changes = amy.getByTestId("preview-change");
  await expect(amy.getByText("Last name in HubSpot")).toBeVisible();
  await expect(changes.filter({ hasText: "Byrd" })).toHaveText("Byrd → Lauterbach");
  await expect(amy.getByText("Company name in HubSpot")).toBeVisible();
  await expect(changes.filter({ hasText: "Old Sanctuary" })).toHaveText("Old Sanctuary → Amy's Bird Sanctuary");
  await expect(amy).not.toContainText("First name");
  await expect(changes).toHaveCount(2);
  await capture(page, "setup-preview", () => expect(amy).toBeVisible());
  // Payments come with their invoices: the preview says which would be copied or wait.
  await page.getByRole("tab", { name: "Payments" }).click();
  const paymentsPreview = page.getByTestId("preview-payments");
  await expect(paymentsPreview.getByTestId("preview-payments-note")).toContainText("Payments come with their invoices");
  await expect(paymentsPreview.getByRole("button", { name: /^All \(\d+\)$/ })).toBeVisible();
  // Nothing was written: HubSpot still has the old names.
  await page.goto(contactUrl!);
  await expect(page.getByLabel("Last name")).toHaveValue("Byrd");

  // 8. Start, with live progress.
  await page.goto("/setup?step=start");
  await page.getByRole("button", { name: "Start syncing" }).click();
  const progress = page.getByTestId("start-progress");
  await expect(progress.getByRole("row", { name: /^Contacts/ })).toContainText(/Contacts\s*3\s*0/, { timeout: 60_000 });
  await expect(progress.getByRole("status")).toContainText(/waiting|Nothing waiting/);

  // The linked contact took QuickBooks' last name and company, and kept its own first name.
  await page.goto(contactUrl!);
  await expect(page.getByLabel("Last name")).toHaveValue("Lauterbach");
  await expect(page.getByLabel("Company")).toHaveValue("Amy's Bird Sanctuary");
  await expect(page.getByLabel("First name")).toHaveValue("Amelia");
  await expect(page.getByLabel("Email")).toHaveValue(EMAIL);

  // In the sandbox HubSpot, a user creates an invoice for that contact and finalizes it.
  await page.goto(`/sandbox/hubspot/${portal}/invoices`);
  await page.getByLabel("Title").fill("Journey order");
  await page.getByRole("button", { name: "Create draft invoice" }).click();
  await expect(page.getByTestId("invoice-status")).toHaveText("draft");
  const hubspotInvoiceUrl = page.url();
  await selectOptionContaining(page, "Contact", EMAIL);
  await page.getByRole("button", { name: "Associate contact" }).click();
  await expect(page.getByRole("list", { name: "Associated contacts" })).toContainText(EMAIL);
  await selectOptionContaining(page, "Product", "Widget");
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add product" }).click();
  const lineItems = page.getByRole("table", { name: "Line items" }).getByRole("row");
  await expect(lineItems).toHaveCount(2);
  const customLine = page.getByRole("form", { name: "Custom line item" });
  await customLine.getByLabel("Item name").fill("Setup fee");
  await customLine.getByLabel("Unit price").fill("40");
  await customLine.getByRole("button", { name: "Add custom line" }).click();
  await expect(lineItems).toHaveCount(3);
  const details = page.getByRole("form", { name: "Invoice details" });
  await details.getByLabel("PO number").fill(po);
  await details.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("form", { name: "Invoice details" }).getByLabel("PO number")).toHaveValue(po);
  await page.getByRole("button", { name: "Finalize invoice" }).click();
  await expect(page.getByTestId("invoice-status")).toHaveText("open");
  await expect(page.getByTestId("amount-billed")).toHaveText("USD 90.00");
  const number = (await page.getByTestId("invoice-number").innerText()).trim();

  // Tandem shows it synced, with a link to the QuickBooks invoice.
  await records(page, "invoices", "synced");
  const invoiceRow = rowOf(page, hubspotInvoiceUrl);
  await expect(invoiceRow).toHaveCount(1, { timeout: 90_000 });
  const quickbooksInvoiceUrl = await invoiceRow.getByRole("link", { name: /in QuickBooks/ }).getAttribute("href");
  expect(quickbooksInvoiceUrl).toMatch(new RegExp(`/sandbox/quickbooks/companies/${realmId}/invoices/\\d+$`));

  // In QuickBooks: the right customer, both lines (the product by SKU, the custom line on "Custom line item") and the PO number.
  await page.goto(quickbooksInvoiceUrl!);
  expect(await selectedText(page, "Customer")).toBe("Amy's Bird Sanctuary");
  await expect(page.getByLabel("PO Number")).toHaveValue(po);
  await expect(page.getByLabel("Invoice no.")).toHaveValue(number);
  expect(await selectedText(page, "Line 1 item")).toBe("Widget");
  await expect(page.getByLabel("Line 1 quantity")).toHaveValue("2");
  await expect(page.getByLabel("Line 1 rate")).toHaveValue("25");
  expect(await selectedText(page, "Line 2 item")).toBe("Custom line item");
  await expect(page.getByLabel("Line 2 description")).toHaveValue("Setup fee");
  await expect(page.getByLabel("Line 2 quantity")).toHaveValue("1");
  await expect(page.getByLabel("Line 2 rate")).toHaveValue("40");
  expect(await selectedText(page, "Line 3 item")).toBe("—");
  await expect(page.getByTestId("invoice-total")).toHaveText("$90.00");
  await expect(page.getByTestId("invoice-status")).toHaveText("Open");
  // The "Custom line item" books to the income account chosen in the wizard.
  await page.goto(`/sandbox/quickbooks/companies/${realmId}/items`);
  // By its address: the list's "New item" form has an income account too, which a read right after a click could find.
  await page.goto((await page.getByRole("link", { name: "Custom line item" }).getAttribute("href"))!);
  expect(await selectedText(page, "Income account")).toBe(incomeAccount);

  // A payment received in QuickBooks marks the HubSpot invoice paid.
  await page.goto(quickbooksInvoiceUrl!);
  await page.getByRole("button", { name: "Record payment" }).click();
  await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
  await expect(page.getByTestId("invoice-balance")).toHaveText("$0.00");
  await page.goto(hubspotInvoiceUrl);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("invoice-status")).toHaveText("paid", { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId("amount-paid")).toHaveText("USD 90.00");
  await expect(page.getByTestId("balance-due")).toHaveText("USD 0.00");
  await expect(page.getByRole("table", { name: "Payments" }).getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("table", { name: "Payments" }).getByRole("row").nth(1)).toContainText("USD 90.00");

  // Someone changes the amount in QuickBooks: HubSpot owns this invoice, so Tandem refuses it and says why.
  await page.goto(quickbooksInvoiceUrl!);
  await page.getByLabel("Line 1 quantity").fill("3");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("invoice-total")).toHaveText("$115.00");
  await records(page, "invoices", "failed");
  const failed = rowOf(page, hubspotInvoiceUrl);
  await expect(failed).toHaveCount(1, { timeout: 90_000 });
  // The error is written out under its row, not only in a tooltip.
  const error = failed.locator("xpath=following-sibling::tr[1]").getByTestId("record-error");
  await expect(failed).toContainText("Edited in QuickBooks");
  await expect(error).toContainText("EDITED_OUTSIDE_HUBSPOT");
  await expect(error.getByTestId("error-explanation")).toHaveText(
    "Adjustments to line items or invoice amounts in HubSpot native invoices cannot be made via external applications. Make all changes in HubSpot.",
  );
  await expect(error.getByTestId("error-fix")).toContainText("Revert the change in QuickBooks");
  await capture(page, "records-edited-outside", () => expect(page.getByTestId("record-error").first()).toBeVisible());
  // The invoice's own page: the "Integration sync" panel with the state, the QuickBooks counterpart, the error and its fix.
  await failed.getByRole("link", { name: `Invoice ${number}`, exact: true }).click();
  const panel = page.getByTestId("integration-sync");
  await expect(panel.getByTestId("invoice-state")).toHaveText("Failed");
  await expect(panel.getByRole("link", { name: /QuickBooks invoice \d+/ })).toHaveAttribute("href", quickbooksInvoiceUrl!);
  await expect(panel.getByTestId("error-fix")).toContainText("Revert the change in QuickBooks");
  await expect(panel.getByRole("button", { name: "Retry" })).toBeVisible();
  await capture(page, "record-invoice-failed", () => expect(panel.getByTestId("invoice-state")).toHaveText("Failed"));
  // HubSpot kept its lines and amount.
  await page.goto(hubspotInvoiceUrl);
  await expect(page.getByTestId("amount-billed")).toHaveText("USD 90.00");
  await expect(page.getByRole("table", { name: "Line items" }).getByRole("row").filter({ hasText: "Widget" })).toContainText("2");

  // Reverted in QuickBooks: synced again.
  await page.goto(quickbooksInvoiceUrl!);
  await page.getByLabel("Line 1 quantity").fill("2");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("invoice-total")).toHaveText("$90.00");
  await records(page, "invoices", "synced");
  await expect(rowOf(page, hubspotInvoiceUrl)).toHaveCount(1, { timeout: 90_000 });
  await records(page, "invoices", "failed");
  await expect(page.getByTestId("records-summary")).toContainText("Page 1");
  await expect(rowOf(page, hubspotInvoiceUrl)).toHaveCount(0);
});
