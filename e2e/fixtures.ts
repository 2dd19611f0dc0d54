import { randomBytes } from "node:crypto";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";

export interface TestAccount {
  name: string;
  company: string;
  email: string;
  password: string;
}

export function newAccount(): TestAccount {
  const id = randomBytes(4).toString("hex");
  return { name: `Tess ${id}`, company: `Company ${id}`, email: `tess-${id}@example.test`, password: `pw-${id}-long-enough` };
}

/** Fills in and submits the sign-up form, as a new user does. */
export async function signUpThroughForm(page: Page, account: TestAccount): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Company").fill(account.company);
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Creates an account through the API (tRPC), as the sign-up form would. */
export async function signUpViaApi(request: APIRequestContext, account: TestAccount): Promise<void> {
  const response = await request.post("/api/trpc/auth.signUp", { data: { json: account } });
  expect(response.ok(), await response.text()).toBe(true);
}

/** Signs in through next-auth's credentials endpoint; the session cookie lands in the page's context. */
export async function signInViaApi(request: APIRequestContext, account: TestAccount): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: account.email, password: account.password, json: "true" },
  });
  expect(response.ok()).toBe(true);
}

/**
 * Every test fails if the browser refused something under Tandem's Content Security Policy: the
 * policy must never break a page (see server/security-headers.ts).
 */
export const test = base.extend<{ account: TestAccount; cspViolations: string[] }>({
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && message.text().includes("Content Security Policy")) violations.push(message.text());
      });
      await use(violations);
      expect(violations).toEqual([]);
    },
    { auto: true },
  ],
  /** A page already signed in as a fresh account. */
  account: async ({ page }, use) => {
    const account = newAccount();
    await signUpViaApi(page.request, account);
    await signInViaApi(page.request, account);
    await use(account);
  },
});

export { expect };
