/**
 * The settings of one sync: its own on/off switch, the resync a mapping change offers (accepted,
 * and seen in HubSpot), and a custom mapping added, edited and deleted.
 */
import { expect, test } from "./fixtures";
import { chooseOption, connectBoth, createDemoCompany, seedCustomers } from "./helpers";

const GINA = { DisplayName: "Gina Holt", GivenName: "Gina", FamilyName: "Holt", PrimaryEmailAddr: { Address: "gina@example.test" }, PrimaryPhone: { FreeFormNumber: "(555) 010-4477" } };

test("the settings page switches its sync off and on with the effect stated; a mapping switched on offers a resync that brings the field over; a custom mapping is added, edited and deleted", async ({ page, account }) => {
  test.setTimeout(360_000);
  await page.goto("/sync");
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  const realmId = await createDemoCompany(page);
  await seedCustomers(page, realmId, [GINA]);
  const portal = await connectBoth(page, realmId);

  // Phone isn't mapped for the first sync.
  await page.goto("/sync/contacts/settings");
  const phone = page.getByRole("switch", { name: "Map Phone" });
  await phone.click();
  await expect(phone).not.toBeChecked();

  // The sync's own switch on its settings page, saying what it does.
  const contactsSync = page.getByRole("switch", { name: "Sync contacts" });
  const effect = page.getByTestId("sync-effect-contacts");
  await expect(contactsSync).not.toBeChecked();
  await expect(effect).toContainText("Off: nothing syncs. Switching on runs the initial sync");
  await contactsSync.click();
  await expect(contactsSync).toBeChecked();
  await expect(effect).toContainText("On: changes sync");
  await expect(page.getByTestId("toast").filter({ hasText: "Contacts sync on" })).toBeVisible();
  await page.goto("/sync");
  await expect(page.getByRole("switch", { name: "Contacts sync" })).toBeChecked();
  await expect(page.getByTestId("contacts-synced")).toHaveText("4", { timeout: 60_000 });
  // Off from the settings page: the overview agrees after a reload.
  await page.goto("/sync/contacts/settings");
  await contactsSync.click();
  await expect(contactsSync).not.toBeChecked();
  await expect(effect).toContainText("Off: nothing syncs");
  await page.goto("/sync");
  await expect(page.getByRole("switch", { name: "Contacts sync" })).not.toBeChecked();
  await page.goto("/sync/contacts/settings");
  await contactsSync.click();
  await expect(contactsSync).toBeChecked();
  await page.goto("/sync");
  await expect(page.getByTestId("contacts-synced")).toHaveText("4", { timeout: 60_000 });

  // In HubSpot, Gina has no phone: it wasn't mapped.
  await page.goto(`/sandbox/hubspot/${portal}/contacts`);
  const ginaRow = page.getByRole("table", { name: "Contacts" }).getByRole("row").filter({ hasText: "gina@example.test" });
  await expect(ginaRow).toHaveCount(1);
  const ginaUrl = (await ginaRow.getByRole("link").first().getAttribute("href"))!;
  await page.goto(ginaUrl);
  await expect(page.getByLabel("Last name")).toHaveValue("Holt");
  await expect(page.getByLabel("Phone")).toHaveValue("");

  // Mapping Phone offers to resync the records synced without it; accepted, the phone reaches HubSpot.
  await page.goto("/sync/contacts/settings");
  await phone.click();
  await expect(phone).toBeChecked();
  const offer = page.getByRole("status").filter({ hasText: "synced under the old mappings" });
  await expect(offer).toContainText("4 records were synced under the old mappings.");
  await offer.getByRole("button", { name: "Resync 4 records" }).click();
  await expect(offer).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: "4 records queued to resync" })).toBeVisible();
  await expect(page.getByTestId("toast").filter({ hasText: "Resync of contacts: 4 synced" })).toBeVisible({ timeout: 90_000 });
  await page.goto(ginaUrl);
  await expect(page.getByLabel("Phone")).toHaveValue(GINA.PrimaryPhone.FreeFormNumber);
  await expect(page.getByLabel("Last name")).toHaveValue("Holt");

  // A custom mapping: added …
  await page.goto("/sync/contacts/settings");
  const rows = page.getByTestId("mapping-row");
  await expect(rows).toHaveCount(5);
  await page.getByRole("button", { name: "Add a mapping" }).click();
  const added = page.getByRole("dialog", { name: "Add a mapping" });
  await chooseOption(page, "HubSpot property", /^City$/);
  await chooseOption(page, "QuickBooks field", "Billing city");
  await added.getByRole("button", { name: "Save mapping" }).click();
  await expect(added).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: "Mapping added" })).toBeVisible();
  const custom = rows.filter({ hasText: "Custom" });
  await expect(custom).toHaveCount(1);
  await expect(custom).toContainText("HubSpot city ↔ QuickBooks BillAddr.City");
  await expect(rows).toHaveCount(6);
  await page.getByRole("status").filter({ hasText: "synced under the old mappings" }).getByRole("button", { name: "Not now" }).click();

  // … edited: another QuickBooks field, one way only; it stays so after a reload …
  await custom.getByRole("button", { name: /^Edit / }).click();
  const edited = page.getByRole("dialog", { name: "Edit mapping" });
  await chooseOption(page, "QuickBooks field", "Shipping city");
  await chooseOption(page, "Direction", "QuickBooks → HubSpot");
  await edited.getByRole("button", { name: "Save mapping" }).click();
  await expect(edited).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: "Mapping saved" })).toBeVisible();
  await page.reload();
  await expect(custom).toContainText("HubSpot city ← QuickBooks ShipAddr.City");
  await expect(custom.getByTestId("mapping-overrides")).toHaveText("Only QuickBooks → HubSpot");

  // … and deleted; the default mappings stay.
  await custom.getByRole("button", { name: /^Delete / }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Mapping deleted" })).toBeVisible();
  await expect(custom).toHaveCount(0);
  await expect(rows).toHaveCount(5);
  await page.reload();
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: "Custom" })).toHaveCount(0);
});
