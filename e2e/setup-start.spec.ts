import { expect, test } from "./fixtures";
import { approveHubSpot, approveQuickBooks } from "./helpers";

test("Start says which syncs were refused and why, claims nothing it didn't do, and an org with nothing to sync goes idle", async ({ page, account }) => {
  test.setTimeout(180_000);
  // A QuickBooks company with nothing in it: no customers, items, invoices or payments.
  const created = await page.request.post("/sandbox/quickbooks/admin/companies", { data: { name: "Empty books" } });
  expect(created.ok()).toBe(true);
  const { realmId } = (await created.json()) as { realmId: string };

  // Only HubSpot connected: every switch-on is refused, each with its reason, and no "Sync started".
  await page.goto("/connections");
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  await page.getByRole("button", { name: "Connect HubSpot" }).click();
  await approveHubSpot(page);
  await expect(page.getByTestId("connection-hubspot").getByTestId("connection-status")).toHaveText("Active");
  await page.goto("/setup?step=start");
  await page.getByRole("button", { name: "Start syncing" }).click();
  const refused = page.getByRole("alert", { name: "Syncs that didn't start" });
  for (const [object, title] of [
    ["products", "Products"],
    ["contacts", "Contacts"],
    ["invoices", "Invoices"],
  ] as const) {
    await expect(refused.getByTestId(`start-refused-${object}`)).toHaveText(`${title} didn't start: Connect both HubSpot and QuickBooks Online before switching a sync on.`);
  }
  await expect(page.getByTestId("toast").filter({ hasText: "Nothing started" })).toBeVisible();
  await expect(page.getByTestId("toast").filter({ hasText: "Sync started" })).toHaveCount(0);
  await expect(page.getByTestId("start-progress").getByRole("status")).toHaveText("Not started.");

  // Both connected: all three start, the refusals go, and the progress says the initial sync runs, then is done.
  await page.goto("/connections");
  await page.getByRole("button", { name: "Connect QuickBooks Online" }).click();
  await approveQuickBooks(page, realmId);
  await expect(page.getByTestId("connection-quickbooks").getByTestId("connection-status")).toHaveText("Active");
  await page.goto("/setup?step=start");
  await page.getByRole("button", { name: "Start syncing" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Sync started" })).toBeVisible();
  await expect(page.getByRole("alert", { name: "Syncs that didn't start" })).toHaveCount(0);
  const progress = page.getByTestId("start-progress").getByRole("status");
  await expect(progress).toHaveText("Initial sync done: nothing waiting.", { timeout: 60_000 });

  // The overview: every sync on (payments with the invoices), no record anywhere, and idle rather than "Syncing…".
  await page.goto("/sync");
  for (const title of ["Contacts", "Products", "Invoices"]) await expect(page.getByRole("switch", { name: `${title} sync` })).toBeChecked();
  await expect(page.getByTestId("sync-payments")).toContainText("On");
  await expect(page.getByTestId("payments-synced")).toHaveText("0");
  await expect(page.getByTestId("live-status")).toHaveText("Up to date · refreshes every 5 seconds");
});
