import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures";

test("a connected org switches on the product and contact syncs and sees what synced and why some didn't", async ({ page, account }) => {
  // A QuickBooks demo company of this test's own (two items with a SKU, two without, three customers).
  const created = await page.request.post("/sandbox/quickbooks/admin/companies", { data: { demo: true } });
  expect(created.ok()).toBe(true);
  const { realmId } = (await created.json()) as { realmId: string };
  const portalName = `E2E portal ${randomBytes(3).toString("hex")}`;

  await page.goto("/sync");
  // A controlled switch: it only turns on once the server agrees.
  await page.getByRole("switch", { name: "Products sync" }).click();
  await expect(page.getByTestId("sync-error")).toHaveText("Connect both HubSpot and QuickBooks Online before switching a sync on.");
  await expect(page.getByRole("switch", { name: "Products sync" })).not.toBeChecked();

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

  await page.getByRole("link", { name: "Sync" }).click();
  await page.getByRole("switch", { name: "Products sync" }).click();
  await expect(page.getByRole("switch", { name: "Products sync" })).toBeChecked();
  await expect(page.getByTestId("products-synced")).toHaveText("2");
  await expect(page.getByTestId("products-excluded")).toHaveText("2");
  await expect(page.getByTestId("products-failed")).toHaveText("0");

  await page.getByTestId("products-excluded").click();
  const excluded = page.getByRole("dialog", { name: "Excluded products" });
  await expect(excluded.getByRole("listitem")).toHaveCount(2);
  await expect(excluded.getByRole("listitem").first()).toContainText("No SKU");
  await page.keyboard.press("Escape");
  await expect(excluded).toBeHidden();

  await page.getByRole("switch", { name: "Contacts sync" }).click();
  await expect(page.getByRole("switch", { name: "Contacts sync" })).toBeChecked();
  await expect(page.getByTestId("contacts-synced")).toHaveText("3");
  await page.getByTestId("contacts-synced").click();
  await expect(page.getByRole("dialog", { name: "Synced contacts" }).getByRole("listitem")).toHaveCount(3);
  await expect(page.getByRole("dialog", { name: "Synced contacts" })).toContainText("Amy's Bird Sanctuary");
});
