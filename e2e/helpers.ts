import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { expect, type Page } from "@playwright/test";

export const SCREENSHOTS = "e2e/screenshots";
mkdirSync(SCREENSHOTS, { recursive: true });

export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * No sideways scroll: the document is never wider than the viewport, and no scroll box on the page
 * hides content sideways (a table in an overflow-x-auto box keeps the document narrow while its
 * columns sit off-screen). Text fields, which scroll their own text, are left out.
 */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, innerWidth, scrollers } = await page.evaluate(() => {
    const scrollers: string[] = [];
    for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
      if (element.matches("input, textarea, select")) continue;
      const overflowX = getComputedStyle(element).overflowX;
      if (overflowX !== "auto" && overflowX !== "scroll") continue;
      // 1px of slack: sub-pixel widths round up in scrollWidth.
      if (element.scrollWidth <= element.clientWidth + 1) continue;
      const name = element.dataset.testid ? `[data-testid=${element.dataset.testid}]` : `${element.tagName.toLowerCase()}.${[...element.classList].slice(0, 4).join(".")}`;
      scrollers.push(`${name}: ${element.scrollWidth}px of content in ${element.clientWidth}px`);
    }
    return { scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth, scrollers };
  });
  expect(scrollWidth, `${page.url()}: document ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
  expect(scrollers, `${page.url()}: content scrolls sideways inside`).toEqual([]);
}

/** Screenshots of the page at laptop and phone width, checking the phone layout on the way. */
export async function capture(page: Page, name: string, ready: () => Promise<void>) {
  await page.setViewportSize(LAPTOP);
  await ready();
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-laptop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await ready();
  await expectNoHorizontalScroll(page);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize(LAPTOP);
}

/** A fresh QuickBooks demo company (4 items, 2 with a SKU; 3 customers; 2 invoices) of the test's own. */
export async function createDemoCompany(page: Page): Promise<string> {
  const created = await page.request.post("/sandbox/quickbooks/admin/companies", { data: { demo: true } });
  expect(created.ok()).toBe(true);
  return ((await created.json()) as { realmId: string }).realmId;
}

/** Adds customers to a sandbox QuickBooks company, as if they had been entered there before. */
export async function seedCustomers(page: Page, realmId: string, customers: Array<Record<string, unknown>>) {
  const seeded = await page.request.post(`/sandbox/quickbooks/admin/companies/${realmId}/seed`, { data: { customers } });
  expect(seeded.ok(), await seeded.text()).toBe(true);
}

/** Approves Tandem on the sandbox HubSpot consent page for a new account. */
export async function approveHubSpot(page: Page) {
  await page.getByRole("radio", { name: /Create a new sandbox account/ }).check();
  await page.getByLabel("New account name").fill(`E2E portal ${randomBytes(3).toString("hex")}`);
  await page.getByRole("button", { name: "Approve" }).click();
}

/** Picks the company on the sandbox QuickBooks consent page. */
export async function approveQuickBooks(page: Page, realmId: string) {
  await page.getByRole("radio", { name: new RegExp(`realm ${realmId}\\)`) }).check();
  await page.getByRole("button", { name: "Connect" }).click();
}

/** Both apps connected through their consent pages from the Connections page; answers the HubSpot account id. */
export async function connectBoth(page: Page, realmId: string): Promise<string> {
  await page.goto("/connections");
  await page.getByRole("button", { name: "Connect HubSpot" }).click();
  await approveHubSpot(page);
  const hubspot = page.getByTestId("connection-hubspot");
  await expect(hubspot.getByTestId("connection-status")).toHaveText("Active");
  await page.getByRole("button", { name: "Connect QuickBooks Online" }).click();
  await approveQuickBooks(page, realmId);
  await expect(page.getByTestId("connection-quickbooks").getByTestId("connection-status")).toHaveText("Active");
  return hubspotAccountId(await hubspot.innerText());
}

/** The account id in a connection card's "… · ID 123" / "(ID 123)". */
export function hubspotAccountId(text: string): string {
  const id = /ID (\d+)/.exec(text)?.[1];
  expect(id, `an account id in ${JSON.stringify(text)}`).toBeDefined();
  return id!;
}

/** Opens a labelled Radix select and picks an option. */
export async function chooseOption(page: Page, label: string, option: string | RegExp) {
  await page.getByLabel(label, { exact: true }).click();
  await page.getByRole("option", { name: option }).click();
}

/** A native <select> by its accessible name (a wrapping <label>'s text would include the options' texts). */
export function nativeSelect(page: Page, name: string) {
  return page.getByRole("combobox", { name, exact: true });
}

/** Chooses the <option> of a native select whose text contains `text`. */
export async function selectOptionContaining(page: Page, name: string, text: string) {
  const select = nativeSelect(page, name);
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  await select.selectOption(value!);
}

/** The visible text of a native <select>'s chosen option. */
export async function selectedText(page: Page, name: string): Promise<string> {
  return nativeSelect(page, name).evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() ?? "");
}

/** Switches a sync on or off from the sync overview and waits for the server to agree. */
export async function setSync(page: Page, title: string, on: boolean) {
  await page.goto("/sync");
  const toggle = page.getByRole("switch", { name: `${title} sync` });
  if ((await toggle.getAttribute("aria-checked")) !== String(on)) await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", String(on));
}

/** The records-table row of the record whose HubSpot page is `hubspotUrl` (labels can lag behind, the id never does). */
export function rowOf(page: Page, hubspotUrl: string) {
  const path = new URL(hubspotUrl, "http://x").pathname;
  return page.getByTestId("record-row").filter({ has: page.locator(`a[href$="${path}"]`) });
}

/** Creates, fills and finalizes an invoice in the sandbox HubSpot UI; answers its page and number. */
export async function finalizedHubSpotInvoice(page: Page, portal: string, email: string, title: string) {
  await page.goto(`/sandbox/hubspot/${portal}/invoices`);
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create draft invoice" }).click();
  await expect(page.getByTestId("invoice-status")).toHaveText("draft");
  const url = page.url();
  await selectOptionContaining(page, "Contact", email);
  await page.getByRole("button", { name: "Associate contact" }).click();
  await selectOptionContaining(page, "Product", "Widget");
  await page.getByRole("button", { name: "Add product" }).click();
  await expect(page.getByRole("table", { name: "Line items" }).getByRole("row")).toHaveCount(2);
  await page.getByRole("button", { name: "Finalize invoice" }).click();
  await expect(page.getByTestId("invoice-status")).toHaveText("open");
  return { url, number: (await page.getByTestId("invoice-number").innerText()).trim() };
}

/**
 * A demo company that recognizes revenue (every invoice line needs a service date), connected with
 * a HubSpot portal, and Tandem's "Service date" line-item property created from the invoice
 * settings (no fallback yet). Answers the company and the portal.
 */
export async function revenueRecognitionSetup(page: Page): Promise<{ realmId: string; portal: string }> {
  const realmId = await createDemoCompany(page);
  await page.goto(`/sandbox/quickbooks/companies/${realmId}/settings`);
  await page.getByLabel("Revenue recognition").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Settings saved.");
  const portal = await connectBoth(page, realmId);
  await page.goto("/sync/invoices/settings");
  // The choices are read from HubSpot and QuickBooks as the page opens.
  await expect(page.getByLabel("HubSpot line-item date property", { exact: true })).toHaveText(/None/, { timeout: 30_000 });
  await page.getByRole("button", { name: "Create a “Service date” property in HubSpot" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "“Service date” property created in HubSpot" })).toBeVisible();
  return { realmId, portal };
}

const RECONCILE_SLOT_MS = 5 * 60_000;

/**
 * When the app's next reconciliation pass (every 5 minutes on the clock) is under `needMs` away,
 * waits until just after it: a pass syncs failed records that changed lately on its own, which a
 * test retrying them by hand must not race with.
 */
export async function clearOfReconciliation(page: Page, needMs: number) {
  const untilSlot = RECONCILE_SLOT_MS - (Date.now() % RECONCILE_SLOT_MS);
  // Past the slot by enough for the pass and the syncs it queues to finish.
  if (untilSlot < needMs) await page.waitForTimeout(untilSlot + 30_000);
}
