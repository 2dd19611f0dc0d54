import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const SCREENSHOTS = "e2e/screenshots";
mkdirSync(SCREENSHOTS, { recursive: true });

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** No sideways scroll: the document is never wider than the viewport. */
async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `document ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
}

/** Screenshots of the page at laptop and phone width, checking the phone layout on the way. */
async function capture(page: Page, name: string, ready: () => Promise<void>) {
  await page.setViewportSize(LAPTOP);
  await ready();
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-laptop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await ready();
  await expectNoHorizontalScroll(page);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize(LAPTOP);
}

/** A QuickBooks demo company (4 items, 2 with a SKU; 3 customers) plus `extra` customers, and both apps connected through their consent pages. */
async function connectBoth(page: Page, extra = 0) {
  const created = await page.request.post("/sandbox/quickbooks/admin/companies", { data: { demo: true } });
  expect(created.ok()).toBe(true);
  const { realmId } = (await created.json()) as { realmId: string };
  if (extra > 0) {
    const tag = randomBytes(3).toString("hex");
    const customers = Array.from({ length: extra }, (_, i) => ({
      DisplayName: `Seeded ${tag} ${String(i).padStart(2, "0")}`,
      GivenName: "Seeded",
      FamilyName: `${tag}${i}`,
      PrimaryEmailAddr: { Address: `seeded-${tag}-${i}@example.test` },
    }));
    const seeded = await page.request.post(`/sandbox/quickbooks/admin/companies/${realmId}/seed`, { data: { customers } });
    expect(seeded.ok(), await seeded.text()).toBe(true);
  }
  await page.goto("/connections");
  await page.getByRole("button", { name: "Connect HubSpot" }).click();
  await page.getByRole("radio", { name: /Create a new sandbox account/ }).check();
  await page.getByLabel("New account name").fill(`E2E portal ${randomBytes(3).toString("hex")}`);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("connection-hubspot").getByTestId("connection-status")).toHaveText("Active");
  await page.getByRole("button", { name: "Connect QuickBooks Online" }).click();
  await page.getByRole("radio", { name: new RegExp(`realm ${realmId}\\)`) }).check();
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByTestId("connection-quickbooks").getByTestId("connection-status")).toHaveText("Active");
}

async function chooseOption(page: Page, label: string, option: string | RegExp) {
  await page.getByLabel(label, { exact: true }).click();
  await page.getByRole("option", { name: option }).click();
}

test("sync overview, side panel, switching a sync off and on, record view filters, pagination and activity", async ({ page, account }) => {
  test.setTimeout(240_000);
  await page.goto("/sync");
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  await connectBoth(page, 30);

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
  await expect(rows).toHaveCount(25);
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
  await page.goto("/setup?step=preflight");
  await capture(page, "setup-preflight", () => expect(page.getByRole("list", { name: "Pre-flight checks" })).toBeVisible());
  await page.goto("/setup?step=start");
  await capture(page, "setup-start", () => expect(page.getByTestId("start-progress")).toContainText("33"));
});

test("every product page fits a 390 px phone without sideways scrolling, and the menu opens from a button", async ({ page, account }) => {
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
