import { expect, test } from "@playwright/test";

test.describe("QuickBooks sandbox UI", () => {
  test("a QuickBooks user creates an invoice and receives a payment for it", async ({ page }) => {
    await page.goto("/sandbox/quickbooks");
    await expect(page.getByRole("heading", { name: "Sandbox companies" })).toBeVisible();
    await page.getByRole("link", { name: "Sandbox Company US" }).first().click();
    await expect(page.getByRole("table", { name: "Invoices" })).toBeVisible();

    await page.getByRole("link", { name: "New invoice" }).click();
    await page.getByLabel("Customer").selectOption({ label: "Bill's Windsurf Shop" });
    const po = `PO-${Date.now()}`;
    await page.getByLabel("PO Number").fill(po);
    await page.getByLabel("Line 1 item").selectOption({ label: "Widget" });
    await page.getByLabel("Line 1 quantity").fill("4");
    await page.getByLabel("Line 1 rate").fill("12.50");
    await page.getByLabel("Line 2 item").selectOption({ label: "Consulting" });
    await page.getByLabel("Line 2 quantity").fill("1");
    await page.getByLabel("Line 2 rate").fill("150");
    await page.getByRole("button", { name: "Save invoice" }).click();

    await expect(page.getByTestId("invoice-total")).toHaveText("$200.00");
    await expect(page.getByTestId("invoice-balance")).toHaveText("$200.00");
    await expect(page.getByTestId("invoice-status")).toHaveText("Open");
    await expect(page.getByLabel("PO Number")).toHaveValue(po);

    await page.getByLabel("Amount received").fill("80");
    await page.getByRole("button", { name: "Record payment" }).click();
    await expect(page.getByTestId("invoice-balance")).toHaveText("$120.00");
    await expect(page.getByTestId("invoice-status")).toHaveText("Partially paid");

    await page.getByLabel("Amount received").fill("120");
    await page.getByRole("button", { name: "Record payment" }).click();
    await expect(page.getByTestId("invoice-balance")).toHaveText("$0.00");
    await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
    await expect(page.getByText(/Payment #\d+ on .*: \$120\.00/)).toBeVisible();
  });

  test("choosing a line's item fills its rate, so a new invoice is not saved at $0 and shown as paid", async ({ page }) => {
    await page.goto("/sandbox/quickbooks");
    await page.getByRole("link", { name: "Sandbox Company US" }).first().click();
    await page.getByRole("link", { name: "New invoice" }).click();
    await page.getByLabel("Customer").selectOption({ label: "Bill's Windsurf Shop" });
    await page.getByLabel("Line 1 item").selectOption({ label: "Consulting" });
    await expect(page.getByLabel("Line 1 rate")).toHaveValue("150");
    await expect(page.getByLabel("Line 1 description")).toHaveValue("Hourly consulting");
    await page.getByLabel("Line 1 quantity").fill("2");
    await page.getByRole("button", { name: "Save invoice" }).click();
    await expect(page.getByTestId("invoice-total")).toHaveText("$300.00");
    await expect(page.getByTestId("invoice-status")).toHaveText("Open");
  });

  test.describe("at phone width", () => {
    test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    test("every page fits the screen: nothing makes the page scroll sideways", async ({ page }) => {
      await page.goto("/sandbox/quickbooks");
      await page.getByRole("link", { name: "Sandbox Company US" }).first().click();
      // The click navigates later: read the company's path once its invoices page is there.
      await expect(page).toHaveURL(/\/sandbox\/quickbooks\/companies\/[^/]+\/invoices$/);
      const company = new URL(page.url()).pathname.replace(/\/invoices$/, "");
      for (const path of ["/sandbox/quickbooks", `${company}/invoices`, `${company}/invoices/new`, `${company}/customers`, `${company}/items`, `${company}/settings`, `${company}/webhooks`]) {
        await page.goto(path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} is wider than the screen`).toBeLessThanOrEqual(0);
      }
      // The invoice form is usable there: its fields and button are on screen.
      await page.goto(`${company}/invoices/new`);
      await expect(page.getByLabel("Customer")).toBeInViewport();
      await expect(page.getByRole("button", { name: "Save invoice" })).toBeVisible();
    });
  });

  test("a rule violation is shown on the form and nothing is created", async ({ page }) => {
    await page.goto("/sandbox/quickbooks");
    await page.getByRole("link", { name: "Sandbox Company US" }).first().click();
    await page.getByRole("link", { name: "Customers" }).click();
    await page.getByLabel("Display name").fill("Amy's Bird Sanctuary");
    await page.getByRole("button", { name: "Save customer" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Duplicate Name" })).toContainText("Duplicate Name Exists Error (6240)");
    await expect(page.getByRole("table", { name: "Customers" }).getByText("Amy's Bird Sanctuary", { exact: true })).toHaveCount(1);
  });

  test("the API, token and consent endpoints are mounted under /sandbox/quickbooks", async ({ request }) => {
    const api = await request.get("/sandbox/quickbooks/v3/company/123/preferences");
    expect(api.status()).toBe(401);
    expect(api.headers()["intuit_tid"]).toBeTruthy();
    expect(await api.json()).toMatchObject({ fault: { type: "AUTHENTICATION", error: [{ code: "3200" }] } });

    const token = await request.post("/sandbox/quickbooks/oauth2/v1/tokens/bearer", { form: { grant_type: "refresh_token", refresh_token: "x" } });
    expect(token.status()).toBe(401);
    expect(await token.json()).toEqual({ error: "invalid_client", error_description: "Client authentication failed" });

    const consent = await request.get("/sandbox/quickbooks/connect/oauth2?client_id=unknown");
    expect(consent.status()).toBe(400);
    expect(await consent.text()).toContain("Unknown client_id");

    const { apps } = (await (await request.get("/sandbox/quickbooks/admin/apps")).json()) as { apps: { name: string; redirectUris: string[] }[] };
    expect(apps.find((a) => a.name === "Tandem (dev)")?.redirectUris[0]).toMatch(/\/api\/oauth\/quickbooks\/callback$/);
  });
});
