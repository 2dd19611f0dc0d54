import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { capture, chooseOption, connectBoth, createDemoCompany, expectNoHorizontalScroll, LAPTOP, PHONE, seedCustomers } from "./helpers";

/** The demo company plus `extra` customers, and both apps connected through their consent pages. */
async function connectWithCustomers(page: Page, extra: number) {
  const realmId = await createDemoCompany(page);
  const tag = randomBytes(3).toString("hex");
  await seedCustomers(
    page,
    realmId,
    Array.from({ length: extra }, (_, i) => ({
      DisplayName: `Seeded ${tag} ${String(i).padStart(2, "0")}`,
      GivenName: "Seeded",
      FamilyName: `${tag}${i}`,
      PrimaryEmailAddr: { Address: `seeded-${tag}-${i}@example.test` },
    })),
  );
  await connectBoth(page, realmId);
}

test("sync overview, side panel, switching a sync off and on, record view filters, pagination and activity", async ({ page, account }) => {
  test.setTimeout(360_000);
  await page.goto("/sync");
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  await connectWithCustomers(page, 30);

  // Overview: switch products and contacts on; the counts come in live.
  await page.goto("/sync");
  const products = page.getByRole("switch", { name: "Products sync" });
  await products.click();
  await expect(products).toBeChecked();
  await expect(page.getByTestId("sync-effect-products")).toContainText("On: changes sync");
  await expect(page.getByTestId("products-synced")).toHaveText("2");
  await expect(page.getByTestId("products-excluded")).toHaveText("2");
  await page.getByRole("switch", { name: "Contacts sync" }).click();
  await expect(page.getByTestId("contacts-synced")).toHaveText("33", { timeout: 30_000 });

  // A count opens the side panel with those records, links to both apps and the reason they're out.
  await page.getByTestId("products-excluded").click();
  const panel = page.getByRole("dialog", { name: "Excluded products" });
  await expect(panel.getByRole("listitem")).toHaveCount(2);
  await expect(panel.getByRole("listitem").first()).toContainText("No SKU");
  await capture(page, "sync-panel", () => expect(panel.getByRole("listitem")).toHaveCount(2));
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  // Keyboard focus comes back to the count that opened it.
  await expect(page.getByTestId("products-excluded").locator("..")).toBeFocused();

  // Switching off says what it does, and stays off after a reload; on again runs the initial sync.
  await products.click();
  await expect(products).not.toBeChecked();
  await expect(page.getByTestId("sync-effect-products")).toContainText("Off: nothing syncs");
  await page.reload();
  await expect(page.getByRole("switch", { name: "Products sync" })).not.toBeChecked();
  await page.getByRole("switch", { name: "Products sync" }).click();
  await expect(page.getByRole("switch", { name: "Products sync" })).toBeChecked();
  await expect(page.getByTestId("products-synced")).toHaveText("2");
  await capture(page, "sync", () => expect(page.getByTestId("contacts-synced")).toHaveText("33"));

  // Record view: 37 records (33 contacts, 4 products) in pages of 25.
  await page.goto("/records");
  const rows = page.getByTestId("record-row");
  // The first page load waits on a cold server under load.
  await expect(rows).toHaveCount(25, { timeout: 30_000 });
  await page.getByRole("button", { name: "Next" }).click();
  await expect(rows).toHaveCount(12);
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(rows).toHaveCount(25);
  await expect(page.getByRole("button", { name: "Previous" })).toBeDisabled();

  // Filters: object, state, text; the URL keeps them.
  await chooseOption(page, "Object", "Products");
  await expect(rows).toHaveCount(4);
  await chooseOption(page, "State", "Excluded");
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(/object=products/);
  await chooseOption(page, "State", "All states");
  await chooseOption(page, "Object", "All objects");
  await page.getByLabel("Search").fill("Amy's Bird");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Amy's Bird Sanctuary");
  await expect(rows.first().getByRole("link", { name: /in HubSpot/ })).toHaveAttribute("href", /\/sandbox\/hubspot/);
  await expect(rows.first().getByRole("link", { name: /in QuickBooks/ })).toHaveAttribute("href", /\/sandbox\/quickbooks/);

  // Sort by name.
  await page.getByLabel("Search").fill("");
  await chooseOption(page, "Sort", "Name A → Z");
  await expect(page).toHaveURL(/sort=label_asc/);
  await expect(rows.first()).toContainText("Amy's Bird Sanctuary");

  // The activity timeline: a row expands into what happened, which way and the fields it wrote.
  await page.getByLabel("Search").fill("Amy's Bird");
  await expect(rows).toHaveCount(1);
  await page.getByRole("button", { name: "Show activity of Amy's Bird Sanctuary" }).click();
  const timeline = page.getByRole("list", { name: "Activity of Amy's Bird Sanctuary" });
  await expect(timeline.getByTestId("activity-entry").first()).toContainText("QuickBooks → HubSpot");
  await expect(timeline.getByTestId("activity-change").first()).toContainText("→");

  // The column chooser persists across reloads.
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("menuitemcheckbox", { name: "QuickBooks ID" }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: "QuickBooks ID" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("columnheader", { name: "QuickBooks ID" })).toBeVisible();
  await capture(page, "records", () => expect(page.getByTestId("record-row")).toHaveCount(1));
  // On a phone the row is a card: its state, links, last sync and actions all lie within the screen.
  await page.setViewportSize(PHONE);
  const card = page.getByTestId("record-row");
  for (const part of [card.getByText("Synced", { exact: true }), card.getByRole("link", { name: /in QuickBooks/ }), card.getByText("Last synced"), card.getByRole("button", { name: "Resync Amy's Bird Sanctuary" })]) {
    const box = (await part.boundingBox())!;
    expect(box.x, await part.innerText()).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, await part.innerText()).toBeLessThanOrEqual(PHONE.width);
  }
  await page.setViewportSize(LAPTOP);

  // Resync one record: the result is a toast.
  await page.getByRole("button", { name: "Resync Amy's Bird Sanctuary" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Resync queued" })).toBeVisible();

  // The record's own page with its activity.
  await page.getByRole("link", { name: "Amy's Bird Sanctuary", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Amy's Bird Sanctuary" })).toBeVisible();
  await capture(page, "record", () => expect(page.getByTestId("activity-entry").first()).toBeVisible());

  // The settings of a sync reuse the wizard's steps.
  await page.goto("/sync/contacts/settings");
  await capture(page, "sync-settings", () => expect(page.getByTestId("mapping-row").first()).toBeVisible());
  await page.goto("/sync/products/settings");
  await capture(page, "sync-settings-products", () => expect(page.getByTestId("mapping-row").first()).toBeVisible());
  await page.goto("/setup?step=products");
  await capture(page, "setup-products", () => expect(page.getByTestId("mapping-row").first()).toBeVisible());
  await page.goto("/setup?step=payments");
  await capture(page, "setup-payments", () => expect(page.getByText("Payments have no settings of their own")).toBeVisible());
  await page.goto("/setup?step=preflight");
  await capture(page, "setup-preflight", () => expect(page.getByRole("list", { name: "Pre-flight checks" })).toBeVisible());
  await page.goto("/setup?step=start");
  await capture(page, "setup-start", () => expect(page.getByTestId("start-progress")).toContainText("33"));
});

test("every product page fits a 390 px phone without sideways scrolling, and the menu opens from a button", async ({ page, account }) => {
  test.setTimeout(120_000);
  await page.goto("/setup");
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  for (const [path, name, ready] of [
    ["/setup", "setup", "Connect"],
    ["/connections", "connections", "HubSpot"],
    ["/sync", "sync-empty", "Contacts"],
    ["/records", "records-empty", "No records yet"],
    ["/members", "members", "Members"],
  ] as const) {
    await page.goto(path);
    await capture(page, name, () => expect(page.getByRole("main").getByText(ready).first()).toBeVisible());
  }
  await page.setViewportSize(PHONE);
  await page.goto("/sync");
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("dialog", { name: "Menu" }).getByRole("link", { name: "Records" }).click();
  await expect(page).toHaveURL(/\/records$/);
  await expectNoHorizontalScroll(page);
});

test("the sign-up and sign-in pages fit a 390 px phone too", async ({ page }) => {
  for (const [path, name, button] of [
    ["/sign-up", "sign-up", "Create account"],
    ["/sign-in", "sign-in", "Sign in"],
  ] as const) {
    await page.goto(path);
    await capture(page, name, () => expect(page.getByRole("button", { name: button })).toBeVisible());
  }
});
