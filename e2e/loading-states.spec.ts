/**
 * Pages while their data is on its way or failed to come: a skeleton (announced busy), then an
 * error with "Try again" that loads the data; and the setup's Start step showing a rate.
 */
import type { Page, Route } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures";
import { connectBoth, createDemoCompany, seedCustomers } from "./helpers";

/**
 * Holds back the tRPC requests carrying `procedure` until released, then fails them while
 * `failing` is set (every try: the query's own retries included), else lets them through.
 */
async function controlProcedure(page: Page, procedure: string) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const state = { failing: true };
  await page.route(
    (url) => url.pathname.startsWith("/api/trpc/") && url.pathname.includes(procedure),
    async (route: Route) => {
      await held;
      if (state.failing) await route.fulfill({ status: 503, contentType: "text/plain", body: "Service unavailable" });
      else await route.continue();
    },
  );
  return { release, state };
}

test("Connections and Members show a skeleton while loading, then an error with Try again, which loads them", async ({ page, account }) => {
  test.setTimeout(120_000);
  // Connections.
  const connections = await controlProcedure(page, "connections.list");
  await page.goto("/connections");
  await expect(page.getByLabel("Loading the connections")).toHaveAttribute("aria-busy", "true");
  await expect(page.getByTestId("connection-hubspot")).toHaveCount(0);
  connections.release();
  const connectionsError = page.getByRole("alert").filter({ hasText: "The connections couldn't be loaded" });
  await expect(connectionsError).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel("Loading the connections")).toHaveCount(0);
  connections.state.failing = false;
  await connectionsError.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("connection-hubspot")).toBeVisible();
  await expect(page.getByTestId("connection-quickbooks")).toBeVisible();
  await expect(connectionsError).toHaveCount(0);

  // Members.
  const members = await controlProcedure(page, "members.list");
  await page.goto("/members");
  const people = page.getByRole("region", { name: "People" });
  await expect(people).toHaveAttribute("aria-busy", "true");
  await expect(page.getByTestId("member-row")).toHaveCount(0);
  members.release();
  const membersError = page.getByRole("alert").filter({ hasText: "The members couldn't be loaded" });
  await expect(membersError).toBeVisible({ timeout: 30_000 });
  members.state.failing = false;
  await membersError.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await expect(page.getByTestId("member-row")).toContainText(account.email);
  await expect(people).not.toHaveAttribute("aria-busy", "true");
});

test("the setup's Start step shows the initial sync's progress with a rate in records per second", async ({ page, account }) => {
  test.setTimeout(240_000);
  await page.goto("/sync");
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
  const realmId = await createDemoCompany(page);
  const tag = randomBytes(3).toString("hex");
  await seedCustomers(
    page,
    realmId,
    Array.from({ length: 40 }, (_, i) => ({ DisplayName: `Rate ${tag} ${i}`, GivenName: "Rate", FamilyName: `${tag}${i}`, PrimaryEmailAddr: { Address: `rate-${tag}-${i}@example.test` } })),
  );
  const portal = await connectBoth(page, realmId);
  // Each HubSpot call slowed, so the initial syncs run for several of the page's 2 s polls: the
  // rate shows only while they run.
  expect((await page.request.put(`/sandbox/hubspot/admin/accounts/${portal}/faults`, { data: { latencyMs: 1500 } })).ok()).toBe(true);

  await page.goto("/setup?step=start");
  const progress = page.getByTestId("start-progress");
  const status = progress.getByRole("status");
  await expect(status).toHaveText("Not started.");
  await page.getByRole("button", { name: "Start syncing" }).click();
  // The rate is records done per second over the last samples: a number, above zero once records sync.
  await expect(status).toHaveText(/ · \d+\.\d records\/s$/, { timeout: 60_000 });
  await expect
    .poll(async () => Number(/([\d.]+) records\/s/.exec(await status.innerText())?.[1] ?? "0"), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await expect(progress.getByRole("row", { name: /Contacts/ })).toContainText("43", { timeout: 90_000 });
});
