/** The invoice sync's fixed rules, shown locked with why they exist, next to the editable inbound filters. */
import { expect, test } from "./fixtures";

const FIXED = [
  { label: "Source is HubSpot", reason: "Only invoices created in HubSpot go to QuickBooks" },
  { label: "Finalized, never drafts", reason: "Drafts never sync: only finalized invoices go to QuickBooks" },
  { label: "Created or changed after the sync started", reason: "Created and last changed before the sync started" },
];

test("the invoice settings show the three fixed outbound filters locked with their reasons; an inbound filter offers Edit and Delete", async ({ page, account }) => {
  await page.goto("/sync/invoices/settings");
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  const locked = page.getByRole("list", { name: "Fixed filters" }).getByRole("listitem");
  await expect(locked).toHaveCount(FIXED.length, { timeout: 30_000 });
  for (const [i, rule] of FIXED.entries()) {
    await expect(locked.nth(i)).toContainText("Locked");
    await expect(locked.nth(i)).toContainText(rule.label);
    await expect(locked.nth(i).getByText(rule.reason, { exact: true })).toBeVisible();
    // A fixed rule offers nothing to change.
    await expect(locked.nth(i).getByRole("button")).toHaveCount(0);
  }
  // An inbound filter, by contrast, offers its Edit and Delete.
  await page.getByRole("button", { name: "Only records created after today (recommended)" }).click();
  const inbound = page.getByRole("list", { name: "Inbound filters" }).getByRole("listitem");
  await expect(inbound).toHaveCount(1);
  await expect(inbound.getByRole("button", { name: /^Edit filter / })).toBeVisible();
  await expect(inbound.getByRole("button", { name: /^Delete filter / })).toBeVisible();
  await expect(locked).toHaveCount(FIXED.length);
});
