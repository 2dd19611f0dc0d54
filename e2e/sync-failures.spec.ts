/**
 * Failures as the sync overview and the record view show them, produced for real: a HubSpot
 * contact whose name a QuickBooks customer already uses. Each is explained on the page, retried
 * once its cause is fixed in the sandbox QuickBooks, and followed to its outcome.
 */
import type { Page } from "@playwright/test";
import { SYNC_ERRORS } from "../server/sync/errors";
import { expect, test } from "./fixtures";
import { capture, chooseOption, connectBoth, createDemoCompany, seedCustomers } from "./helpers";

const CLASH = SYNC_ERRORS.DUPLICATE_DISPLAY_NAME;

/** Creates a contact in the sandbox HubSpot UI, as someone working in HubSpot does. */
async function createHubSpotContact(page: Page, portal: string, contact: { email: string; firstname: string; lastname: string }) {
  await page.goto(`/sandbox/hubspot/${portal}/contacts`);
  await page.getByLabel("Email").fill(contact.email);
  await page.getByLabel("First name").fill(contact.firstname);
  await page.getByLabel("Last name").fill(contact.lastname);
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("table", { name: "Contacts" }).getByRole("row").filter({ hasText: contact.email })).toHaveCount(1);
}

/**
 * Renames a customer on its sandbox QuickBooks page (the fix a duplicate-name failure asks for),
 * again if a sync wrote the customer meanwhile (QuickBooks refuses the stale save). The customer's
 * page is opened by its address: the list page has a "New customer" form with the same fields,
 * which a click on the link followed by a fill could reach before the navigation, adding a
 * customer instead of renaming one.
 */
async function renameCustomer(page: Page, realmId: string, from: string, to: string) {
  await page.goto(`/sandbox/quickbooks/companies/${realmId}/customers`);
  const customerUrl = (await page.getByRole("link", { name: from, exact: true }).getAttribute("href"))!;
  await expect(async () => {
    await page.goto(customerUrl);
    await page.getByLabel("Display name").fill(to);
    await page.getByRole("button", { name: "Save customer" }).click();
    await expect(page.getByRole("link", { name: to, exact: true })).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole("link", { name: from, exact: true })).toHaveCount(0);
}

test("a real failure on the sync overview: explained on the page, listed in the side panel, found by the Error filter, retried in bulk and one by one once fixed, each with its outcome told", async ({ page, account }) => {
  test.setTimeout(420_000);
  await page.goto("/sync");
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  const realmId = await createDemoCompany(page);
  // QuickBooks customers already named as two people who will be added in HubSpot (other emails, so no match).
  await seedCustomers(page, realmId, [
    { DisplayName: "Dora Ely", GivenName: "Dora", FamilyName: "Ely", PrimaryEmailAddr: { Address: "dora.old@example.test" } },
    { DisplayName: "Emil Fox", GivenName: "Emil", FamilyName: "Fox", PrimaryEmailAddr: { Address: "emil.old@example.test" } },
  ]);
  const portal = await connectBoth(page, realmId);

  await page.goto("/sync/contacts/settings");
  await chooseOption(page, "Contacts sync", "Two-way");
  await page.goto("/sync");
  await page.getByRole("switch", { name: "Contacts sync" }).click();
  await expect(page.getByTestId("contacts-synced")).toHaveText("5", { timeout: 60_000 });
  await expect(page.getByTestId("contacts-failed")).toHaveText("0");

  // Two contacts made in HubSpot: QuickBooks refuses both names.
  await createHubSpotContact(page, portal, { email: "dora@example.test", firstname: "Dora", lastname: "Ely" });
  await createHubSpotContact(page, portal, { email: "emil@example.test", firstname: "Emil", lastname: "Fox" });
  await page.goto("/sync");
  await expect(page.getByTestId("contacts-failed")).toHaveText("2", { timeout: 90_000 });

  // The card says why, and how to fix it, in words on the page.
  const failure = page.getByTestId("failure-contacts-DUPLICATE_DISPLAY_NAME");
  await expect(failure).toBeVisible();
  await expect(failure).toContainText(CLASH.category);
  await expect(failure).toContainText("2 contacts");
  await expect(failure.getByText(CLASH.explanation)).toBeVisible();
  await expect(failure.getByText(`How to fix: ${CLASH.fix}`)).toBeVisible();
  await expect(failure.getByRole("button", { name: "Retry all 2" })).toBeVisible();

  // The object tabs show one object's card at a time.
  const cards = { contacts: page.getByTestId("sync-contacts"), products: page.getByTestId("sync-products") };
  const tabs = page.getByRole("tablist", { name: "Show object" });
  await tabs.getByRole("tab", { name: "Products" }).click();
  await expect(cards.products).toBeVisible();
  await expect(cards.contacts).toBeHidden();
  await tabs.getByRole("tab", { name: "Contacts" }).click();
  await expect(cards.contacts).toBeVisible();
  await expect(cards.products).toBeHidden();
  await tabs.getByRole("tab", { name: "All" }).click();
  await expect(cards.contacts).toBeVisible();
  await expect(cards.products).toBeVisible();

  // The Failed count opens the side panel: each record with its category, explanation and fix.
  await page.getByTestId("contacts-failed").click();
  const panel = page.getByRole("dialog", { name: "Failed contacts" });
  const failed = panel.getByRole("listitem");
  await expect(failed).toHaveCount(2);
  for (const name of ["Dora Ely", "Emil Fox"]) {
    const item = failed.filter({ hasText: name });
    await expect(item.getByTestId("error-explanation")).toHaveText(CLASH.explanation);
    await expect(item.getByTestId("error-fix")).toHaveText(`How to fix: ${CLASH.fix}`);
    await expect(item.getByRole("button", { name: `Retry ${name}` })).toBeVisible();
  }
  await capture(page, "sync-panel-failed", () => expect(failed).toHaveCount(2));
  await page.keyboard.press("Escape");

  // The record view's Error filter, set through its picker: only the two, out of seven.
  await page.goto("/records");
  const rows = page.getByTestId("record-row");
  await expect(rows).toHaveCount(7, { timeout: 30_000 });
  await chooseOption(page, "Error", CLASH.category);
  await expect(page).toHaveURL(/errorCode=DUPLICATE_DISPLAY_NAME/);
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Dora Ely" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Emil Fox" })).toHaveCount(1);

  // Dora's clash is fixed in QuickBooks, Emil's isn't: retry all tells which synced and which failed again.
  await renameCustomer(page, realmId, "Dora Ely", "Dora Ely (old account)");
  await page.goto("/sync");
  await failure.getByRole("button", { name: "Retry all 2" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "2 records queued for retry" })).toBeVisible();
  const outcome = page.getByTestId("toast").filter({ hasText: "Retry of Duplicate name: 1 synced, 1 failed" });
  await expect(outcome).toBeVisible({ timeout: 90_000 });
  await expect(outcome).toContainText("Still failing: Emil Fox (Duplicate name)");
  await expect(page.getByTestId("contacts-failed")).toHaveText("1", { timeout: 15_000 });

  // Emil's fixed too, and retried from the side panel: it says so, and the record is synced.
  await renameCustomer(page, realmId, "Emil Fox", "Emil Fox (old account)");
  await page.goto("/sync");
  await page.getByTestId("contacts-failed").click();
  await expect(panel.getByRole("listitem")).toHaveCount(1);
  await panel.getByRole("button", { name: "Retry Emil Fox" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Emil Fox synced" })).toBeVisible({ timeout: 90_000 });
  // A toast may take the first Escape.
  await expect(async () => {
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await expect(page.getByTestId("contacts-failed")).toHaveText("0", { timeout: 15_000 });
  for (const email of ["dora@example.test", "emil@example.test"]) {
    await page.goto(`/records?object=contacts&state=synced&text=${encodeURIComponent(email)}`);
    await expect(rows).toHaveCount(1, { timeout: 30_000 });
  }

  // Both are now QuickBooks customers of their own, next to the renamed ones.
  await page.goto(`/sandbox/quickbooks/companies/${realmId}/customers`);
  for (const name of ["Dora Ely", "Emil Fox", "Dora Ely (old account)", "Emil Fox (old account)"]) {
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  }

  // A resync of one record is followed to its outcome too.
  await page.goto("/records?text=emil%40example.test");
  await expect(rows).toHaveCount(1, { timeout: 30_000 });
  await page.getByRole("button", { name: "Resync Emil Fox" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Resync queued" })).toBeVisible();
  await expect(page.getByTestId("toast").filter({ hasText: "Emil Fox resynced" })).toBeVisible({ timeout: 90_000 });
});
