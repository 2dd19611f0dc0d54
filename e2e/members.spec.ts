import { expect, newAccount, signInViaApi, signUpViaApi, test } from "./fixtures";

test.describe("members", () => {
  test("an owner invites someone by email; they sign up through the link, join as a member and can only view", async ({ page, account, browser }) => {
    const invitee = newAccount();
    await page.goto("/members");
    await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
    await expect(page.getByTestId("member-row")).toHaveText([new RegExp(`${account.email}.*Owner`)]);

    await page.getByLabel("Email").fill(invitee.email);
    await page.getByRole("button", { name: "Create invite link" }).click();
    const link = await page.getByTestId("invite-link").inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByTestId("invite-row")).toContainText(invitee.email);

    // The invitee, in a browser of their own, signed out.
    const theirs = await browser.newContext();
    const theirPage = await theirs.newPage();
    await theirPage.goto(link);
    await expect(theirPage.getByRole("heading", { name: `Join ${account.company}` })).toBeVisible();
    await expect(theirPage.getByText(`You are invited as a member (${invitee.email}).`)).toBeVisible();
    await theirPage.getByLabel("Your name").fill(invitee.name);
    await theirPage.getByLabel("Password").fill(invitee.password);
    await theirPage.getByRole("button", { name: "Create account and join" }).click();

    await expect(theirPage).toHaveURL(/\/connections$/);
    await expect(theirPage.getByTestId("org-name")).toHaveText(`${account.company} · member`);
    await expect(theirPage.getByTestId("view-only-notice")).toBeVisible();
    await expect(theirPage.getByTestId("connection-hubspot").getByTestId("connection-status")).toHaveText("Not connected");
    await expect(theirPage.getByRole("button", { name: "Connect HubSpot" })).toHaveCount(0);
    await theirPage.goto("/members");
    await expect(theirPage.getByTestId("member-row")).toHaveCount(2);
    await expect(theirPage.getByRole("button", { name: "Create invite link" })).toHaveCount(0);

    // The link worked once.
    await theirPage.goto(link);
    await expect(theirPage.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();
    await theirs.close();

    // The owner sees the new member, and keeps the buttons that change connections.
    await page.reload();
    await expect(page.getByTestId("member-row")).toHaveCount(2);
    await expect(page.getByTestId("member-row").nth(1)).toContainText(`${invitee.email}`);
    await page.goto("/connections");
    await expect(page.getByRole("button", { name: "Connect HubSpot" })).toBeVisible();
  });

  test("someone with an account accepts an invite after signing in", async ({ page, account, browser }) => {
    const existing = newAccount();
    await signUpViaApi(page.request, existing);
    await page.goto("/members");
    await page.getByLabel("Email").fill(existing.email);
    await page.getByLabel("Role").selectOption("admin");
    await page.getByRole("button", { name: "Create invite link" }).click();
    const link = await page.getByTestId("invite-link").inputValue();

    const theirs = await browser.newContext();
    const theirPage = await theirs.newPage();
    await signInViaApi(theirPage.request, existing);
    await theirPage.goto(link);
    await expect(theirPage.getByText(`Signed in as ${existing.email}.`)).toBeVisible();
    await theirPage.getByRole("button", { name: `Join ${account.company}` }).click();
    await expect(theirPage).toHaveURL(/\/connections$/);
    await theirs.close();

    await page.reload();
    await expect(page.getByTestId("member-row").filter({ hasText: existing.email })).toContainText("Admin");
  });
});
