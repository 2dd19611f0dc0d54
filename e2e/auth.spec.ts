import { expect, newAccount, signUpThroughForm, signUpViaApi, test } from "./fixtures";

test.describe("accounts", () => {
  test("a new user signs up, lands in the app, signs out and signs back in", async ({ page }) => {
    const account = newAccount();
    await signUpThroughForm(page, account);

    // A new org starts in the setup wizard.
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole("heading", { name: "Set up your sync" })).toBeVisible();
    await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Setup", "Sync", "Records", "Connections", "Members"]);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connections" }).click();
    await expect(page.getByTestId("org-name")).toContainText(account.company);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/records");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Frecords/);

    await page.getByLabel("Email").fill(account.email.toUpperCase());
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/records$/);
    await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  });

  test("a signed-out visitor of a product page is sent to sign-in", async ({ page }) => {
    for (const path of ["/connections", "/sync", "/records", "/"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/sign-in/);
      await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    }
  });

  test("sign-up shows a field error for an invalid email and a short password, and creates nothing", async ({ page }) => {
    const account = newAccount();
    await page.goto("/sign-up");
    await page.getByLabel("Your name").fill(account.name);
    await page.getByLabel("Company").fill(account.company);
    await page.getByLabel("Work email").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page.locator("#email-error")).toHaveText("Enter a valid email address");
    await expect(page.locator("#password-error")).toHaveText("Use at least 10 characters");
    await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/sign-up$/);

    const probe = await page.request.post("/api/trpc/auth.signUp", {
      data: { json: { ...account, email: "not-an-email", password: "short" } },
    });
    expect(probe.status()).toBe(400);
    const body = (await probe.json()) as { error: { json: { data: { fieldErrors: Record<string, string[]> } } } };
    expect(body.error.json.data.fieldErrors).toMatchObject({ email: ["Enter a valid email address"], password: ["Use at least 10 characters"] });
  });

  test("sign-up refuses an email that is already registered", async ({ page }) => {
    const existing = newAccount();
    await signUpViaApi(page.request, existing);
    await page.goto("/sign-up");
    await page.getByLabel("Your name").fill("Someone Else");
    await page.getByLabel("Company").fill("Other Co");
    await page.getByLabel("Work email").fill(existing.email.toUpperCase());
    await page.getByLabel("Password").fill("another-long-password");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page.locator("#email-error")).toHaveText("An account with this email already exists. Sign in instead.");
    await expect(page).toHaveURL(/\/sign-up$/);
  });

  test("a wrong password gets one generic message, and repeated failures are slowed down", async ({ page }) => {
    const account = newAccount();
    await signUpViaApi(page.request, account);
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(account.email);

    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel("Password").fill(`wrong-password-${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("form-error")).toHaveText(
        attempt < 5 ? "Email or password is incorrect." : /Email or password is incorrect\.|Too many failed sign-ins/,
      );
    }
    // An unknown email reads exactly like a wrong password.
    await page.getByLabel("Email").fill(`unknown-${account.email}`);
    await page.getByLabel("Password").fill("whatever-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toHaveText("Email or password is incorrect.");

    // Locked out: even the right password is refused for now.
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toHaveText(/Too many failed sign-ins\. Try again in \d+ seconds\./);
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("sign-in shows field errors for an invalid email and an empty password", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("nope");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#email-error")).toHaveText("Enter a valid email address");
    await expect(page.locator("#password-error")).toHaveText("Enter your password");
  });
});

test("the API fixture signs in without the form", async ({ page, account }) => {
  await page.goto("/sync");
  await expect(page.getByRole("heading", { name: "Sync", exact: true })).toBeVisible();
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
});
