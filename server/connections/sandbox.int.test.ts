/**
 * The connections layer against the real sandbox HubSpot and QuickBooks Online, over loopback HTTP,
 * with the same code and endpoints production uses (only the base URLs differ).
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connections, recordLinks, type Provider } from "../db/schema";
import { hubspotOAuth } from "../providers/hubspot/oauth";
import { InvalidGrantError, type Fetch } from "../providers/oauth";
import { quickbooksOAuth } from "../providers/quickbooks/oauth";
import { handleHubSpotApi } from "../sandbox/hubspot/http/api";
import { closeSandboxDb } from "../sandbox/hubspot/store/db";
import { ensureDevApp as ensureHubspotDevApp } from "../sandbox/hubspot/dev-app";
import { ensureDemoAccount } from "../sandbox/hubspot/store/seed";
import { handleAuthorizeDecision } from "../sandbox/hubspot/ui/authorize";
import { startLoopback, type LoopbackServer } from "../sandbox/testing/loopback";
import { resetClock, shiftClock } from "../sandbox/quickbooks/domain/clock";
import { createSandboxDb } from "../sandbox/quickbooks/store/db";
import { ensureDevApp as ensureQuickbooksDevApp } from "../sandbox/quickbooks/dev-app";
import { createSandboxHandlers } from "../sandbox/quickbooks/http/handlers";
import { callerFor as callerForUser, signUpOrg } from "../testing/accounts";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { getAccessToken } from "./access-token";
import { oauthCallbackRedirect } from "./callback-redirect";
import { CONNECTION_EXPIRED, ConnectionExpiredError } from "./errors";
import { envOAuthClients, type OAuthClients } from "./oauth-clients";
import { openToken } from "./sealed-tokens";

const APP_URL = "http://tandem.test";

let testDb: TestDatabase;
let server: LoopbackServer;
let closeQuickbooksDb: () => Promise<void>;
let demoHubId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  process.env.DATABASE_URL = testDb.url;
  const quickbooksDb = createSandboxDb(testDb.url, { max: 5 });
  closeQuickbooksDb = quickbooksDb.close;
  server = await startLoopback({
    "/sandbox/hubspot/api": handleHubSpotApi,
    "/sandbox/hubspot/oauth/decide": handleAuthorizeDecision,
    "/sandbox/quickbooks": createSandboxHandlers(quickbooksDb.db).all,
  });
  const hubspotApp = await ensureHubspotDevApp({ appUrl: APP_URL });
  const quickbooksApp = await ensureQuickbooksDevApp({ appUrl: APP_URL, db: quickbooksDb.db });
  demoHubId = String(await ensureDemoAccount());
  // What `npm start` sets for the sandboxes; read by the env module on first use.
  Object.assign(process.env, {
    APP_URL,
    HUBSPOT_APP_ID: String(hubspotApp.appId),
    HUBSPOT_CLIENT_ID: hubspotApp.clientId,
    HUBSPOT_CLIENT_SECRET: hubspotApp.clientSecret,
    HUBSPOT_BASE_URL: `${server.origin}/sandbox/hubspot/api`,
    HUBSPOT_AUTHORIZE_URL: `${server.origin}/sandbox/hubspot/oauth/authorize`,
    QUICKBOOKS_CLIENT_ID: quickbooksApp.clientId,
    QUICKBOOKS_CLIENT_SECRET: quickbooksApp.clientSecret,
    QUICKBOOKS_BASE_URL: `${server.origin}/sandbox/quickbooks`,
  });
});

afterAll(async () => {
  await server.close();
  await closeSandboxDb();
  await closeQuickbooksDb();
  await testDb.drop();
});

const callerFor = (userId: string) => callerForUser(testDb.db, userId);
const newOrg = () => signUpOrg(testDb.db);

/** The HubSpot consent form's Approve over HTTP, for the demo account: the sandbox answers with a 303. */
async function approveAtHubspot(authorizeUrl: string): Promise<string> {
  const url = new URL(authorizeUrl);
  expect(url.pathname).toBe("/sandbox/hubspot/oauth/authorize");
  const form = new URLSearchParams({
    client_id: url.searchParams.get("client_id") ?? "",
    redirect_uri: url.searchParams.get("redirect_uri") ?? "",
    scope: url.searchParams.get("scope") ?? "",
    state: url.searchParams.get("state") ?? "",
    decision: "approve",
    account: demoHubId,
  });
  const answer = await fetch(`${server.origin}/sandbox/hubspot/oauth/decide`, { method: "POST", body: form, redirect: "manual" });
  expect(answer.status).toBe(303);
  return answer.headers.get("location")!;
}

/** The QuickBooks consent page over HTTP: load it, pick the first company, press Connect. */
async function approveAtQuickbooks(authorizeUrl: string): Promise<string> {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const realmId = /name="realmId" value="(\d+)"/.exec(await page.text())?.[1];
  expect(realmId).toBeDefined();
  const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
  form.set("decision", "approve");
  form.set("realmId", realmId!);
  const answer = await fetch(authorizeUrl.split("?")[0]!, { method: "POST", body: form, redirect: "manual" });
  expect(answer.status).toBe(302);
  return answer.headers.get("location")!;
}

const approve: Record<Provider, (authorizeUrl: string) => Promise<string>> = { hubspot: approveAtHubspot, quickbooks: approveAtQuickbooks };

/** Where Tandem's callback sends the browser, for the provider's redirect to `callbackUrl`. */
async function followCallback(provider: Provider, callbackUrl: string, userId: string): Promise<URL> {
  expect(callbackUrl.startsWith(`${APP_URL}/api/oauth/${provider}/callback?`)).toBe(true);
  const response = await oauthCallbackRedirect(provider, new Request(callbackUrl), userId, testDb.db);
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location")!);
}

/** Connect through the API as the page does: connectUrl → the provider's consent → Tandem's callback. */
async function connectThroughApi(org: { userId: string }, provider: Provider, replace = false): Promise<URL> {
  const { url } = await callerFor(org.userId).connections.connectUrl({ provider, replace });
  return followCallback(provider, await approve[provider](url), org.userId);
}

async function connectionRow(orgId: string, provider: Provider) {
  const rows = await testDb.db.select().from(connections).where(eq(connections.orgId, orgId));
  return rows.find((r) => r.provider === provider)!;
}

async function storedTokens(orgId: string, provider: Provider) {
  const row = await connectionRow(orgId, provider);
  return {
    connectionId: row.id,
    accessToken: openToken(row.accessTokenEncrypted!, orgId, provider),
    refreshToken: openToken(row.refreshTokenEncrypted!, orgId, provider),
  };
}

async function expireLocally(connectionId: string) {
  await testDb.db.update(connections).set({ accessTokenExpiresAt: new Date(Date.now() - 1000) }).where(eq(connections.id, connectionId));
}

/** OAuth clients whose HTTP calls are counted, by URL path suffix. */
function countingClients(): { clients: OAuthClients; calls: (suffix: string) => number } {
  const seen: string[] = [];
  const counted: Fetch = (input, init) => {
    seen.push(new URL(String(input)).pathname);
    return fetch(input, init);
  };
  return {
    clients: { hubspot: () => hubspotOAuth({ fetch: counted }), quickbooks: () => quickbooksOAuth({ fetch: counted }) },
    calls: (suffix) => seen.filter((path) => path.endsWith(suffix)).length,
  };
}

describe("connecting through the sandboxes", () => {
  it("connects HubSpot and QuickBooks through authorize, approve and the callback", async () => {
    const org = await newOrg();
    expect((await connectThroughApi(org, "hubspot")).search).toBe("?connected=hubspot");
    expect((await connectThroughApi(org, "quickbooks")).search).toBe("?connected=quickbooks");

    const list = await callerFor(org.userId).connections.list();
    expect(list).toMatchObject([
      { provider: "hubspot", status: "active", account: { id: demoHubId, name: `sandbox-${demoHubId}.hubspot.test` } },
      { provider: "quickbooks", status: "active", account: { name: "Sandbox Company US" } },
    ]);
    expect(list[1]!.account!.id).toMatch(/^\d+$/);
    for (const provider of ["hubspot", "quickbooks"] as const) {
      await expect(callerFor(org.userId).connections.health({ provider })).resolves.toMatchObject({ status: "active", lastError: null });
    }
  });

  it("refuses a forged state and a state started by another user", async () => {
    const org = await newOrg();
    const other = await newOrg();
    const { url } = await callerFor(org.userId).connections.connectUrl({ provider: "quickbooks" });
    const callback = new URL(await approveAtQuickbooks(url));

    const forged = new URL(callback);
    forged.searchParams.set("state", "forged-state");
    expect((await followCallback("quickbooks", forged.toString(), org.userId)).search).toBe("?error=invalid_state&provider=quickbooks");
    expect((await followCallback("quickbooks", callback.toString(), other.userId)).search).toBe("?error=invalid_state&provider=quickbooks");
    // Presented once to the wrong user, the real state is spent: the code is never exchanged.
    expect((await followCallback("quickbooks", callback.toString(), org.userId)).search).toBe("?error=invalid_state&provider=quickbooks");

    for (const caller of [org, other]) {
      expect((await callerFor(caller.userId).connections.list()).map((c) => c.status)).toEqual(["not_connected", "not_connected"]);
    }
  });

  it("keeps no token readable in plain text in any table", async () => {
    const org = await newOrg();
    await connectThroughApi(org, "hubspot");
    await connectThroughApi(org, "quickbooks");
    const first = await storedTokens(org.orgId, "hubspot");
    await expireLocally(first.connectionId);
    await getAccessToken(testDb.db, first.connectionId);
    const refreshed = await storedTokens(org.orgId, "hubspot");
    const quickbooks = await storedTokens(org.orgId, "quickbooks");
    const secrets = [first, refreshed, quickbooks].flatMap((t) => [t.accessToken, t.refreshToken]);

    // Every product table (the sandboxes are the outside world and keep their own tables).
    const columns = await testDb.db.execute<{ table_schema: string; table_name: string; column_name: string }>(sql`
      select c.table_schema, c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema in ('public', 'runtime') and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'bytea')`);
    expect(columns.length).toBeGreaterThan(10);
    const columnsHolding = async (value: string) => {
      const holding: string[] = [];
      for (const { table_schema, table_name, column_name } of columns) {
        const [found] = await testDb.db.execute<{ n: number }>(
          sql`select count(*)::int as n from ${sql.identifier(table_schema)}.${sql.identifier(table_name)}
              where ${sql.identifier(column_name)}::text like ${`%${value}%`}`,
        );
        if (found!.n > 0) holding.push(`${table_schema}.${table_name}.${column_name}`);
      }
      return holding;
    };
    for (const secret of secrets) expect(await columnsHolding(secret)).toEqual([]);
    // The scan does find what is there: the sealed form, where it belongs.
    const sealed = (await connectionRow(org.orgId, "quickbooks")).refreshTokenEncrypted!;
    expect(await columnsHolding(sealed)).toEqual(["public.connections.refresh_token_encrypted"]);
  });
});

describe("tokens against the sandboxes", () => {
  it("refreshes transparently when the access token expires mid-run", async () => {
    const org = await newOrg();
    await connectThroughApi(org, "hubspot");
    await connectThroughApi(org, "quickbooks");

    // Expired by our own clock: refreshed before use.
    const before = await storedTokens(org.orgId, "hubspot");
    await expireLocally(before.connectionId);
    const renewed = await getAccessToken(testDb.db, before.connectionId);
    expect(renewed.accessToken).not.toBe(before.accessToken);
    await expect(hubspotOAuth().accountInfo(renewed.accessToken, renewed.externalAccountId)).resolves.toMatchObject({ id: demoHubId });

    // Expired by the provider's clock while ours still trusts it: the 401 triggers a refresh and a retry.
    const quickbooks = await storedTokens(org.orgId, "quickbooks");
    shiftClock(2 * 3600_000);
    try {
      await expect(callerFor(org.userId).connections.health({ provider: "quickbooks" })).resolves.toMatchObject({ status: "active", lastError: null });
    } finally {
      resetClock();
    }
    expect((await storedTokens(org.orgId, "quickbooks")).accessToken).not.toBe(quickbooks.accessToken);
  });

  it("refreshes once for two concurrent callers and keeps the newest refresh token", async () => {
    const org = await newOrg();
    await connectThroughApi(org, "quickbooks");
    const before = await storedTokens(org.orgId, "quickbooks");
    await expireLocally(before.connectionId);
    const { clients, calls } = countingClients();

    const [first, second] = await Promise.all([
      getAccessToken(testDb.db, before.connectionId, { clients }),
      getAccessToken(testDb.db, before.connectionId, { clients }),
    ]);
    expect(calls("/oauth2/v1/tokens/bearer")).toBe(1);
    expect(second.accessToken).toBe(first.accessToken);

    const after = await storedTokens(org.orgId, "quickbooks");
    expect(after.accessToken).toBe(first.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // The stored refresh token is the one QuickBooks issued last: it is accepted.
    await expect(quickbooksOAuth().refresh(after.refreshToken)).resolves.toMatchObject({ accessToken: expect.any(String) });
  });

  it("marks a revoked connection and its records as needing reconnect, until reconnected", async () => {
    const org = await newOrg();
    await connectThroughApi(org, "hubspot");
    await connectThroughApi(org, "quickbooks");
    const [link] = await testDb.db
      .insert(recordLinks)
      .values({ orgId: org.orgId, object: "invoices", origin: "hubspot", hubspotId: "1", quickbooksId: "1", state: "synced" })
      .returning();

    // The user removes Tandem from HubSpot's connected apps.
    const hubspot = await storedTokens(org.orgId, "hubspot");
    await hubspotOAuth().revoke({ accessToken: null, refreshToken: hubspot.refreshToken });
    await expireLocally(hubspot.connectionId);
    await expect(getAccessToken(testDb.db, hubspot.connectionId)).rejects.toBeInstanceOf(ConnectionExpiredError);

    expect((await callerFor(org.userId).connections.list())[0]).toMatchObject({ status: "needs_reauth", lastError: expect.any(String) });
    const [failed] = await testDb.db.select().from(recordLinks).where(eq(recordLinks.id, link!.id));
    expect(failed).toMatchObject({ state: "failed", errorCode: CONNECTION_EXPIRED });

    expect((await connectThroughApi(org, "hubspot")).search).toBe("?connected=hubspot");
    expect((await callerFor(org.userId).connections.list())[0]).toMatchObject({ status: "active", lastError: null });
    const [restored] = await testDb.db.select().from(recordLinks).where(eq(recordLinks.id, link!.id));
    // It shows again what it showed before the connection expired.
    expect(restored).toMatchObject({ state: "synced", errorCode: null, suspended: null });
  });

  it("revokes the grant at the provider on disconnect", async () => {
    const org = await newOrg();
    await connectThroughApi(org, "hubspot");
    await connectThroughApi(org, "quickbooks");
    const hubspot = await storedTokens(org.orgId, "hubspot");
    const quickbooks = await storedTokens(org.orgId, "quickbooks");

    for (const provider of ["hubspot", "quickbooks"] as const) {
      await expect(callerFor(org.userId).connections.disconnect({ provider })).resolves.toEqual({ revoked: true });
    }
    await expect(envOAuthClients.hubspot().refresh(hubspot.refreshToken)).rejects.toBeInstanceOf(InvalidGrantError);
    await expect(envOAuthClients.quickbooks().refresh(quickbooks.refreshToken)).rejects.toBeInstanceOf(InvalidGrantError);
    expect((await callerFor(org.userId).connections.list()).map((c) => c.status)).toEqual(["disconnected", "disconnected"]);
  });
});
