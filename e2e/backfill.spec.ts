import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { capture, connectBoth } from "./helpers";

const DAY_MS = 86_400_000;

/** A tRPC mutation as the signed-in user (the settings the setup wizard would save). */
async function mutate(page: Page, path: string, input: unknown) {
  const response = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), await response.text()).toBe(true);
}

test("an org previews a backfill of older QuickBooks invoices, starts it and watches it finish", async ({ page, account }) => {
  test.setTimeout(180_000);
  // A demo company made 40 days ago on the sandbox clock: its invoices are older than the sync.
  await page.request.post("/sandbox/quickbooks/admin/clock", { data: { shiftMs: -40 * DAY_MS } });
  let realmId: string;
  try {
    const created = await page.request.post("/sandbox/quickbooks/admin/companies", { data: { demo: true } });
    expect(created.ok()).toBe(true);
    realmId = ((await created.json()) as { realmId: string }).realmId;
  } finally {
    await page.request.post("/sandbox/quickbooks/admin/clock", { data: { reset: true } });
  }

  await page.goto("/connections");
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  await connectBoth(page, realmId);

  // The invoice sync starts now with the recommended inbound filter: the demo's three invoices stay out.
  await mutate(page, "filters.createdAfterToday", { object: "invoices" });
  await mutate(page, "sync.updateSettings", { object: "invoices", enabled: true });
  await page.goto("/sync");
  await expect(page.getByTestId("invoices-excluded")).toHaveText("3", { timeout: 60_000 });
  await expect(page.getByTestId("invoices-synced")).toHaveText("0");

  await page.goto("/sync/invoices/settings");
  const panel = page.getByRole("region", { name: "Backfill older invoices" });
  await expect(panel.getByLabel("Invoices dated from")).toBeVisible();
  // A range that ends before it starts is refused next to the form.
  await panel.getByLabel("Invoices dated from").fill("2030-01-01");
  await panel.getByRole("button", { name: "Preview" }).click();
  await expect(panel.getByRole("alert")).toContainText("The range ends before it starts.");

  const today = new Date();
  await panel.getByLabel("Invoices dated from").fill(new Date(today.getTime() - 90 * DAY_MS).toISOString().slice(0, 10));
  await panel.getByLabel("to").fill(today.toISOString().slice(0, 10));
  await panel.getByRole("button", { name: "Preview" }).click();
  await expect(panel.getByTestId("backfill-preview")).toContainText("3 invoices dated in the range");
  await expect(panel.getByTestId("preview-create")).toHaveText("3 to create on the other side");
  await expect(panel.getByTestId("preview-link")).toHaveText("0 to link to an existing invoice by number");
  await expect(panel.getByTestId("preview-exclude")).toHaveText("0 left out");

  await panel.getByRole("button", { name: "Start backfill" }).click();
  await expect(panel.getByTestId("backfill-state")).toHaveText("Finished", { timeout: 90_000 });
  await expect(panel.getByTestId("backfill-counts")).toHaveText("3 of 3 done: 3 created, 0 linked by number, 0 already synced, 0 left out, 0 failed");
  await expect(panel.getByTestId("backfill-rate")).toContainText("invoices a minute");
  await expect(panel.getByRole("progressbar", { name: "Backfill progress" })).toHaveAttribute("aria-valuenow", "3");
  await capture(page, "backfill", () => expect(panel.getByTestId("backfill-state")).toHaveText("Finished"));

  await page.goto("/sync");
  await expect(page.getByTestId("invoices-synced")).toHaveText("3");
  await expect(page.getByTestId("invoices-excluded")).toHaveText("0");
});
