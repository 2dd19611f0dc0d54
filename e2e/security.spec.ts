import { expect, test } from "./fixtures";

test.describe("security headers", () => {
  test("app, auth and sandbox pages forbid framing and sniffing, and still work under the policy", async ({ page, account, cspViolations }) => {
    for (const path of ["/connections", "/sandbox/hubspot", "/sandbox/quickbooks"]) {
      const response = await page.goto(path);
      const headers = response!.headers();
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    }
    // Client-side code runs under the policy: the connections page loads its data through tRPC.
    await page.goto("/connections");
    await expect(page.getByTestId("org-name")).toContainText(account.company);
    await expect(page.getByTestId("connection-hubspot").getByTestId("connection-status")).toHaveText("Not connected");

    // The fixture's violation check is live: a script the policy forbids is reported.
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.src = "https://cdn.evil.example/x.js";
      document.head.append(script);
    });
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    cspViolations.length = 0;
  });

  test("API answers carry the headers too", async ({ request }) => {
    const response = await request.get("/api/auth/csrf");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  });
});

test.describe("sessions", () => {
  test("a session copied before sign-out stops working when its user signs out", async ({ page, account, browser }) => {
    const copy = await browser.newContext();
    await copy.addCookies(await page.context().cookies());
    const copied = await copy.newPage();
    await copied.goto("/connections");
    await expect(copied.getByTestId("signed-in-email")).toHaveText(account.email);

    await page.goto("/connections");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    await copied.goto("/connections");
    await expect(copied).toHaveURL(/\/sign-in/);
    expect((await copied.request.get("/api/trpc/account.me")).status()).toBe(401);
    await copy.close();
  });
});

test.describe("bad input", () => {
  test("a callbackUrl with a port that is no number is ignored by sign-in and sign-out instead of answering 500", async ({ request, baseURL }) => {
    const port = new URL(baseURL!).port;
    const evil = encodeURIComponent(`http://localhost:${port}.evil.example/`);
    for (const path of [`/api/auth/signin?callbackUrl=${evil}`, `/api/auth/signout?callbackUrl=${evil}`]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBeLessThan(500);
    }
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signOut = await request.post("/api/auth/signout", {
      form: { csrfToken, callbackUrl: `http://localhost:${port}.evil.example/`, json: "true" },
    });
    expect(signOut.status()).toBe(200);
    expect(((await signOut.json()) as { url: string }).url).toBe(new URL(baseURL!).origin);
  });
});
