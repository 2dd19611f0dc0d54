import { expect, test } from "./fixtures";
import { approveQuickBooks, createDemoCompany } from "./helpers";

test.describe("connections", () => {
  test("connects HubSpot and QuickBooks through their consent pages, then disconnects one", async ({ page, account }) => {
    // A company of its own: other tests make demo companies with the same name meanwhile.
    const realmId = await createDemoCompany(page);
    await page.goto("/connections");
    await expect(page.getByTestId("org-name")).toContainText(account.company);
    const hubspot = page.getByTestId("connection-hubspot");
    const quickbooks = page.getByTestId("connection-quickbooks");
    await expect(hubspot.getByTestId("connection-status")).toHaveText("Not connected");
    await expect(quickbooks.getByTestId("connection-status")).toHaveText("Not connected");

    await hubspot.getByRole("button", { name: "Connect HubSpot" }).click();
    await expect(page).toHaveURL(/\/sandbox\/hubspot\/oauth\/authorize\?/);
    await page.getByRole("radio", { name: /Sandbox Demo Co/ }).check();
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page).toHaveURL(/\/connections\?connected=hubspot$/);
    await expect(page.getByTestId("connections-notice")).toHaveText("HubSpot connected.");
    await expect(hubspot.getByTestId("connection-status")).toHaveText("Active");
    await expect(hubspot.getByTestId("connection-account")).toContainText(/sandbox-\d+\.hubspot\.test · ID \d+/);

    await quickbooks.getByRole("button", { name: "Connect QuickBooks Online" }).click();
    await expect(page).toHaveURL(/\/sandbox\/quickbooks\/connect\/oauth2\?/);
    await approveQuickBooks(page, realmId);
    await expect(page).toHaveURL(/\/connections\?connected=quickbooks$/);
    await expect(quickbooks.getByTestId("connection-status")).toHaveText("Active");
    await expect(quickbooks.getByTestId("connection-account")).toContainText("Sandbox Company US");
    await expect(hubspot.getByTestId("connection-status")).toHaveText("Active");

    await quickbooks.getByRole("button", { name: "Check connection" }).click();
    await expect(page.getByTestId("connections-notice")).toHaveText("QuickBooks Online answered: the connection works.");

    // Switching accounts asks first; cancelling changes nothing.
    await hubspot.getByRole("button", { name: "Switch account" }).click();
    const switchDialog = page.getByRole("dialog", { name: "Switch HubSpot account?" });
    await expect(switchDialog).toBeVisible();
    await switchDialog.getByRole("button", { name: "Cancel" }).click();
    await expect(switchDialog).toBeHidden();
    await expect(page).toHaveURL(/\/connections/);

    await hubspot.getByRole("button", { name: "Disconnect" }).click();
    const disconnectDialog = page.getByRole("dialog", { name: "Disconnect HubSpot?" });
    await disconnectDialog.getByRole("button", { name: "Disconnect" }).click();
    await expect(disconnectDialog).toBeHidden();
    await expect(page.getByTestId("connections-notice")).toHaveText("HubSpot disconnected; Tandem's access was revoked.");
    await expect(hubspot.getByTestId("connection-status")).toHaveText("Disconnected");
    await expect(hubspot.getByRole("button", { name: "Connect HubSpot" })).toBeVisible();
    await expect(quickbooks.getByTestId("connection-status")).toHaveText("Active");

    await page.reload();
    await expect(hubspot.getByTestId("connection-status")).toHaveText("Disconnected");
    await expect(quickbooks.getByTestId("connection-status")).toHaveText("Active");
  });

  test("a callback with a forged state is refused with a clear message", async ({ page, account }) => {
    await page.goto("/api/oauth/hubspot/callback?code=stolen-code&state=forged-state");
    await expect(page).toHaveURL(/\/connections\?error=invalid_state&provider=hubspot$/);
    await expect(page.getByTestId("org-name")).toContainText(account.company);
    const notice = page.getByTestId("connections-notice");
    await expect(notice).toHaveAttribute("role", "alert");
    await expect(notice).toContainText("couldn't be verified as one you started here");
    await expect(page.getByTestId("connection-hubspot").getByTestId("connection-status")).toHaveText("Not connected");
  });

  test("declining at the provider connects nothing and says so", async ({ page, account }) => {
    await page.goto("/connections");
    await expect(page.getByTestId("org-name")).toContainText(account.company);
    await page.getByRole("button", { name: "Connect QuickBooks Online" }).click();
    await expect(page).toHaveURL(/\/sandbox\/quickbooks\/connect\/oauth2\?/);
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page).toHaveURL(/\/connections\?error=access_denied&provider=quickbooks$/);
    await expect(page.getByTestId("connections-notice")).toHaveText("You declined access in QuickBooks Online, so nothing was connected.");
    await expect(page.getByTestId("connection-quickbooks").getByTestId("connection-status")).toHaveText("Not connected");
  });
});
