import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";

const unique = () => randomBytes(3).toString("hex");

test.describe("sandbox HubSpot", () => {
  test("a HubSpot user creates, finalizes and gets paid for an invoice", async ({ page }) => {
    const id = unique();
    await page.goto("/sandbox/hubspot");
    await page.getByLabel("New account name").fill(`E2E Co ${id}`);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByTestId("account-name")).toContainText(`E2E Co ${id}`);
    const nav = page.getByRole("navigation", { name: "Sandbox" });

    await nav.getByRole("link", { name: "products" }).click();
    await page.getByLabel("Name").fill(`Widget ${id}`);
    await page.getByLabel("Price").fill("40");
    await page.getByLabel("SKU").fill(`W-${id}`);
    await page.getByRole("button", { name: "Create product" }).click();
    await expect(page.getByRole("table", { name: "Products" })).toContainText(`W-${id}`);

    await nav.getByRole("link", { name: "contacts" }).click();
    await page.getByLabel("Email").fill(`buyer-${id}@example.com`);
    await page.getByLabel("First name").fill("Bea");
    await page.getByRole("button", { name: "Create contact" }).click();
    await expect(page.getByRole("table", { name: "Contacts" })).toContainText(`buyer-${id}@example.com`);

    await nav.getByRole("link", { name: "invoices" }).click();
    await page.getByLabel("Title").fill(`Order ${id}`);
    await page.getByRole("button", { name: "Create draft invoice" }).click();
    await expect(page.getByRole("heading", { name: `Order ${id}` })).toBeVisible();
    await expect(page.getByTestId("invoice-status")).toHaveText("draft");

    // Finalizing without a contact is refused with HubSpot's rule.
    await page.getByRole("button", { name: "Finalize invoice" }).click();
    await expect(page.getByTestId("sandbox-error")).toContainText("associated contact");
    await expect(page.getByTestId("invoice-status")).toHaveText("draft");

    await page.getByRole("combobox", { name: "Contact" }).selectOption({ label: `buyer-${id}@example.com` });
    await page.getByRole("button", { name: "Associate contact" }).click();
    await expect(page.getByRole("list", { name: "Associated contacts" })).toContainText(`buyer-${id}@example.com`);

    await page.getByRole("combobox", { name: "Product" }).selectOption({ label: `Widget ${id}` });
    await page.getByRole("spinbutton", { name: "Quantity", exact: true }).fill("2");
    await page.getByRole("button", { name: "Add product" }).click();
    await expect(page.getByRole("table", { name: "Line items" })).toContainText(`W-${id}`);

    const custom = page.getByRole("form", { name: "Custom line item" });
    await custom.getByLabel("Item name").fill("Setup fee");
    await custom.getByLabel("Unit price").fill("10");
    await custom.getByRole("button", { name: "Add custom line" }).click();
    await expect(page.getByRole("table", { name: "Line items" })).toContainText("Setup fee");
    await expect(page.getByTestId("amount-billed")).toHaveText("USD 90.00");

    await page.getByRole("button", { name: "Finalize invoice" }).click();
    await expect(page.getByTestId("invoice-status")).toHaveText("open");
    await expect(page.getByTestId("invoice-number")).toHaveText(/^INV-\d+$/);

    await page.getByLabel("Payment amount").fill("50");
    await page.getByRole("button", { name: "Record payment" }).click();
    await expect(page.getByTestId("balance-due")).toHaveText("USD 40.00");
    await expect(page.getByTestId("invoice-status")).toHaveText("open");

    await page.getByLabel("Payment amount").fill("40");
    await page.getByRole("button", { name: "Record payment" }).click();
    await expect(page.getByTestId("invoice-status")).toHaveText("paid");
    await expect(page.getByTestId("amount-paid")).toHaveText("USD 90.00");
    await expect(page.getByRole("table", { name: "Payments" }).getByRole("row")).toHaveCount(3);

    await nav.getByRole("link", { name: "webhooks" }).click();
    await expect(page.getByRole("heading", { name: "Webhook deliveries" })).toBeVisible();
  });

  test("a HubSpot user edits a contact and an invoice's PO number, and deletes a draft", async ({ page }) => {
    const id = unique();
    await page.goto("/sandbox/hubspot");
    await page.getByLabel("New account name").fill(`Edit Co ${id}`);
    await page.getByRole("button", { name: "Create account" }).click();
    const nav = page.getByRole("navigation", { name: "Sandbox" });

    await nav.getByRole("link", { name: "contacts" }).click();
    await page.getByLabel("Email").fill(`edit-${id}@example.com`);
    await page.getByRole("button", { name: "Create contact" }).click();
    await page.getByRole("table", { name: "Contacts" }).getByRole("link").first().click();
    const contactForm = page.getByRole("form", { name: "Edit record" });
    await contactForm.getByLabel("Last name").fill("Edited");
    await contactForm.getByRole("button", { name: "Save" }).click();
    await nav.getByRole("link", { name: "contacts" }).click();
    await expect(page.getByRole("table", { name: "Contacts" })).toContainText("Edited");

    await nav.getByRole("link", { name: "invoices" }).click();
    await page.getByLabel("Title").fill(`Draft ${id}`);
    await page.getByRole("button", { name: "Create draft invoice" }).click();
    const details = page.getByRole("form", { name: "Invoice details" });
    await details.getByLabel("PO number").fill(`PO-${id}`);
    await details.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("form", { name: "Invoice details" }).getByLabel("PO number")).toHaveValue(`PO-${id}`);

    await page.getByRole("button", { name: "Delete draft" }).click();
    await expect(page).toHaveURL(/\/invoices$/);
    await expect(page.getByRole("table", { name: "Invoices" })).not.toContainText(`Draft ${id}`);
  });

  test("the authorize page approves into a chosen account and denies", async ({ page, baseURL }) => {
    const redirectUri = `${baseURL}/sandbox/hubspot`;
    const created = await page.request.post("/sandbox/hubspot/admin/apps", { data: { name: `E2E app ${unique()}`, redirectUris: [redirectUri] } });
    expect(created.status()).toBe(201);
    const app = (await created.json()) as { clientId: string; clientSecret: string };
    const authorize = `/sandbox/hubspot/oauth/authorize?client_id=${app.clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&scope=oauth%20crm.objects.invoices.read&state=s-123`;

    await page.goto("/sandbox/hubspot");
    await expect(page.getByRole("table", { name: "Apps" })).toContainText(app.clientId);
    await expect(page.getByRole("table", { name: "Apps" })).toContainText("Tandem (dev)");

    await page.goto(authorize);
    await page.getByRole("radio", { name: /Create a new sandbox account/ }).check();
    await page.getByLabel("New account name").fill("Authorized Co");
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page).toHaveURL(/\/sandbox\/hubspot\?code=[^&]+&state=s-123$/);
    const code = new URL(page.url()).searchParams.get("code") ?? "";

    const token = await page.request.post("/sandbox/hubspot/api/oauth/v1/token", {
      form: { grant_type: "authorization_code", client_id: app.clientId, client_secret: app.clientSecret, redirect_uri: redirectUri, code },
    });
    expect(token.status()).toBe(200);
    const body = (await token.json()) as { access_token: string; expires_in: number; hub_id: number };
    expect(body.expires_in).toBe(1800);
    const info = await page.request.get(`/sandbox/hubspot/api/oauth/v1/access-tokens/${body.access_token}`);
    expect(await info.json()).toMatchObject({ hub_id: body.hub_id, scopes: ["oauth", "crm.objects.invoices.read"] });

    await page.goto(authorize);
    await page.getByRole("button", { name: "Deny" }).click();
    await expect(page).toHaveURL(/error=access_denied/);

    await page.goto(`/sandbox/hubspot/oauth/authorize?client_id=${app.clientId}&redirect_uri=${encodeURIComponent("https://evil.example/cb")}`);
    await expect(page.getByTestId("sandbox-error")).toContainText("is not registered");
  });
});
