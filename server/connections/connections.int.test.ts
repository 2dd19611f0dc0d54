import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connections, memberships, oauthStates, recordLinks, type Provider } from "../db/schema";
import { OAuthRequestError } from "../providers/oauth";
import { callerFor as callerForUser, signUpOrg } from "../testing/accounts";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { getAccessToken, refreshAfterRejection } from "./access-token";
import { oauthCallbackRedirect } from "./callback-redirect";
import { checkConnectionHealth } from "./check-health";
import { completeConnection } from "./complete-connection";
import { disconnect } from "./disconnect";
import { CONNECTION_EXPIRED, ConnectionExpiredError, ConnectionUnavailableError, NotConnectedError, OAuthStateError } from "./errors";
import { listConnections } from "./list-connections";
import { consumeOAuthState, createOAuthState, OAUTH_STATE_TTL_MS } from "./oauth-state";
import { openToken } from "./sealed-tokens";
import { startConnection } from "./start-connection";
import { fakeClients, FakeOAuthProvider } from "./testing/fake-oauth-provider";

let testDb: TestDatabase;
let hubspot: FakeOAuthProvider;
let quickbooks: FakeOAuthProvider;
let options: { clients: ReturnType<typeof fakeClients> };

beforeAll(async () => {
  testDb = await createTestDatabase();
  // Read by the env module on first use: the tRPC procedures build real OAuth clients from it.
  Object.assign(process.env, {
    DATABASE_URL: testDb.url,
    HUBSPOT_CLIENT_ID: "hs-client",
    HUBSPOT_CLIENT_SECRET: "hs-secret",
    QUICKBOOKS_CLIENT_ID: "qb-client",
    QUICKBOOKS_CLIENT_SECRET: "qb-secret",
    APP_URL: "http://tandem.test",
  });
});
afterAll(() => testDb.drop());

beforeEach(() => {
  hubspot = new FakeOAuthProvider("hubspot", { "111": "acme.hubspot.test", "222": "other.hubspot.test" });
  quickbooks = new FakeOAuthProvider("quickbooks", { "9001": "Acme Books", "9002": "Other Books" });
  options = { clients: fakeClients(hubspot, quickbooks) };
});

const callerFor = (userId: string) => callerForUser(testDb.db, userId);
const newOrg = () => signUpOrg(testDb.db);

/** Runs the whole flow as the browser would: start, then come back with a code for `accountId`. */
async function connect(org: { orgId: string; userId: string }, provider: Provider, accountId: string, replace = false) {
  const { url } = await startConnection(testDb.db, { orgId: org.orgId, userId: org.userId, provider, replace }, options);
  const state = new URL(url).searchParams.get("state")!;
  return completeConnection(
    testDb.db,
    { provider, userId: org.userId, params: new URLSearchParams({ state, code: `code:${accountId}` }) },
    options,
  );
}

async function connectionRow(orgId: string, provider: Provider) {
  const rows = await testDb.db.select().from(connections).where(eq(connections.orgId, orgId));
  return rows.find((r) => r.provider === provider)!;
}

async function addRecord(orgId: string, state: "synced" | "failed" | "excluded" | "pending", errorCode: string | null = null) {
  const [row] = await testDb.db
    .insert(recordLinks)
    .values({ orgId, object: "invoices", origin: "hubspot", hubspotId: `hs-${Math.random()}`, state, errorCode })
    .returning();
  return row!;
}

async function recordById(id: string) {
  return (await testDb.db.select().from(recordLinks).where(eq(recordLinks.id, id)))[0];
}

/** Puts the stored access token `msFromNow` from expiry. */
async function expireIn(connectionId: string, msFromNow: number) {
  await testDb.db.update(connections).set({ accessTokenExpiresAt: new Date(Date.now() + msFromNow) }).where(eq(connections.id, connectionId));
}

describe("OAuth state", () => {
  it("is accepted once, for the user, org and provider that started it", async () => {
    const org = await newOrg();
    const state = await createOAuthState(testDb.db, { orgId: org.orgId, userId: org.userId, provider: "hubspot", replaceExisting: true, returnTo: "/setup" });
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(consumeOAuthState(testDb.db, { state, userId: org.userId, provider: "hubspot" })).resolves.toEqual({
      orgId: org.orgId,
      replaceExisting: true,
      returnTo: "/setup",
    });
    await expect(consumeOAuthState(testDb.db, { state, userId: org.userId, provider: "hubspot" })).rejects.toMatchObject({
      problem: "invalid_state",
    });
  });

  it("is refused for another user, and is then spent for its owner too", async () => {
    const owner = await newOrg();
    const intruder = await newOrg();
    const state = await createOAuthState(testDb.db, { orgId: owner.orgId, userId: owner.userId, provider: "hubspot", replaceExisting: false });
    await expect(consumeOAuthState(testDb.db, { state, userId: intruder.userId, provider: "hubspot" })).rejects.toBeInstanceOf(OAuthStateError);
    await expect(consumeOAuthState(testDb.db, { state, userId: owner.userId, provider: "hubspot" })).rejects.toBeInstanceOf(OAuthStateError);
  });

  it("is refused for the other provider, when unknown or missing, and after ten minutes", async () => {
    const org = await newOrg();
    const create = () => createOAuthState(testDb.db, { orgId: org.orgId, userId: org.userId, provider: "quickbooks", replaceExisting: false });
    const wrongProvider = await create();
    await expect(consumeOAuthState(testDb.db, { state: wrongProvider, userId: org.userId, provider: "hubspot" })).rejects.toMatchObject({
      problem: "invalid_state",
    });
    await expect(consumeOAuthState(testDb.db, { state: "forged", userId: org.userId, provider: "quickbooks" })).rejects.toMatchObject({
      problem: "invalid_state",
    });
    await expect(consumeOAuthState(testDb.db, { state: null, userId: org.userId, provider: "quickbooks" })).rejects.toMatchObject({
      problem: "invalid_state",
    });
    const late = await create();
    const afterTtl = new Date(Date.now() + OAUTH_STATE_TTL_MS + 1000);
    await expect(consumeOAuthState(testDb.db, { state: late, userId: org.userId, provider: "quickbooks", now: afterTtl })).rejects.toMatchObject({
      problem: "state_expired",
    });
  });

  it("is refused once the user has left the org", async () => {
    const org = await newOrg();
    const state = await createOAuthState(testDb.db, { orgId: org.orgId, userId: org.userId, provider: "hubspot", replaceExisting: false });
    await testDb.db.delete(memberships).where(eq(memberships.userId, org.userId));
    await expect(consumeOAuthState(testDb.db, { state, userId: org.userId, provider: "hubspot" })).rejects.toMatchObject({
      problem: "invalid_state",
    });
  });
});

describe("connecting", () => {
  it("stores both connections active, with the tokens encrypted and bound to the org and provider", async () => {
    const org = await newOrg();
    await expect(connect(org, "hubspot", "111")).resolves.toMatchObject({ ok: true });
    await expect(connect(org, "quickbooks", "9001")).resolves.toMatchObject({ ok: true });

    const list = await listConnections(testDb.db, org.orgId);
    expect(list.map((c) => [c.provider, c.status, c.account])).toEqual([
      ["hubspot", "active", { id: "111", name: "acme.hubspot.test" }],
      ["quickbooks", "active", { id: "9001", name: "Acme Books" }],
    ]);
    const row = await connectionRow(org.orgId, "quickbooks");
    expect(row.accessTokenEncrypted).not.toContain("quickbooks-at");
    expect(row.refreshTokenEncrypted).not.toContain("quickbooks-rt");
    expect(openToken(row.refreshTokenEncrypted!, org.orgId, "quickbooks")).toMatch(/^quickbooks-rt-/);
    expect(() => openToken(row.refreshTokenEncrypted!, org.orgId, "hubspot")).toThrow();
  });

  it("refuses a forged state and creates nothing", async () => {
    const org = await newOrg();
    const result = await completeConnection(
      testDb.db,
      { provider: "hubspot", userId: org.userId, params: new URLSearchParams({ state: "forged", code: "code:111" }) },
      options,
    );
    expect(result).toEqual({ ok: false, code: "invalid_state", returnTo: null });
    expect(await listConnections(testDb.db, org.orgId)).toMatchObject([{ status: "not_connected" }, { status: "not_connected" }]);
  });

  it("refuses a state started by another user, even with a good code", async () => {
    const victim = await newOrg();
    const attacker = await newOrg();
    const { url } = await startConnection(testDb.db, { orgId: attacker.orgId, userId: attacker.userId, provider: "hubspot", replace: false }, options);
    const state = new URL(url).searchParams.get("state")!;
    const result = await completeConnection(
      testDb.db,
      { provider: "hubspot", userId: victim.userId, params: new URLSearchParams({ state, code: "code:111" }) },
      options,
    );
    expect(result).toEqual({ ok: false, code: "invalid_state", returnTo: null });
    expect((await listConnections(testDb.db, victim.orgId))[0]!.status).toBe("not_connected");
    expect((await listConnections(testDb.db, attacker.orgId))[0]!.status).toBe("not_connected");
  });

  it("records nothing when the user declines at the provider", async () => {
    const org = await newOrg();
    const { url } = await startConnection(testDb.db, { orgId: org.orgId, userId: org.userId, provider: "quickbooks", replace: false }, options);
    const state = new URL(url).searchParams.get("state")!;
    const params = new URLSearchParams({ state, error: "access_denied" });
    await expect(completeConnection(testDb.db, { provider: "quickbooks", userId: org.userId, params }, options)).resolves.toEqual({
      ok: false,
      code: "access_denied",
      returnTo: null,
    });
    expect((await listConnections(testDb.db, org.orgId))[1]!.status).toBe("not_connected");
    expect(await testDb.db.select().from(oauthStates).where(eq(oauthStates.state, state))).toEqual([]);
  });

  it("reports a failed code exchange", async () => {
    const org = await newOrg();
    await expect(connect(org, "hubspot", "no-such-account")).resolves.toEqual({ ok: false, code: "exchange_failed", returnTo: null });
  });

  it("replaces a connected account with another only when confirmed, starting its record links afresh", async () => {
    const org = await newOrg();
    await connect(org, "hubspot", "111");
    const link = await addRecord(org.orgId, "synced");

    // A reconnect attempt that comes back with another account is refused and changes nothing.
    await testDb.db.update(connections).set({ status: "needs_reauth" }).where(eq(connections.orgId, org.orgId));
    await expect(connect(org, "hubspot", "222")).resolves.toEqual({ ok: false, code: "account_mismatch", returnTo: null });
    expect((await connectionRow(org.orgId, "hubspot")).externalAccountId).toBe("111");
    expect(await recordById(link.id)).toBeDefined();

    await expect(connect(org, "hubspot", "222", true)).resolves.toMatchObject({ ok: true });
    const row = await connectionRow(org.orgId, "hubspot");
    expect([row.externalAccountId, row.accountName, row.status]).toEqual(["222", "other.hubspot.test", "active"]);
    expect(await recordById(link.id)).toBeUndefined();
  });

  it("answers connectUrl with CONFLICT carrying the connected account unless replace is set", async () => {
    const org = await newOrg();
    await connect(org, "quickbooks", "9001");
    const caller = callerFor(org.userId);
    const attempt = caller.connections.connectUrl({ provider: "quickbooks" });
    await expect(attempt).rejects.toBeInstanceOf(TRPCError);
    await expect(attempt).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { clientDetails: { provider: "quickbooks", currentAccount: { id: "9001", name: "Acme Books" } } },
    });

    const { url } = await caller.connections.connectUrl({ provider: "quickbooks", replace: true });
    const authorize = new URL(url);
    expect(authorize.origin).toBe("https://appcenter.intuit.com");
    expect(authorize.searchParams.get("redirect_uri")).toBe("http://tandem.test/api/oauth/quickbooks/callback");
    const [stored] = await testDb.db.select().from(oauthStates).where(eq(oauthStates.state, authorize.searchParams.get("state")!));
    expect(stored).toMatchObject({ orgId: org.orgId, userId: org.userId, provider: "quickbooks", replaceExisting: true });
  });

  it("lists only the caller's own org", async () => {
    const connected = await newOrg();
    const other = await newOrg();
    await connect(connected, "hubspot", "111");
    const list = await callerFor(other.userId).connections.list();
    expect(list.map((c) => c.status)).toEqual(["not_connected", "not_connected"]);
    expect((await callerFor(connected.userId).connections.list())[0]).toMatchObject({ status: "active", account: { id: "111" } });
  });
});

describe("access tokens", () => {
  it("hands out the stored token while it has more than five minutes left", async () => {
    const org = await newOrg();
    const { connectionId } = (await connect(org, "hubspot", "111")) as { connectionId: string };
    await expireIn(connectionId, 6 * 60_000);
    const token = await getAccessToken(testDb.db, connectionId, options);
    expect(token).toEqual({ accessToken: expect.stringMatching(/^hubspot-at-1-/), externalAccountId: "111" });
    expect(hubspot.refreshCalls).toBe(0);
  });

  it("refreshes a token about to expire and stores the rotated refresh token", async () => {
    const org = await newOrg();
    const { connectionId } = (await connect(org, "quickbooks", "9001")) as { connectionId: string };
    const before = await connectionRow(org.orgId, "quickbooks");
    await expireIn(connectionId, 4 * 60_000);

    const token = await getAccessToken(testDb.db, connectionId, options);
    expect(token.accessToken).toMatch(/^quickbooks-at-2-/);
    const after = await connectionRow(org.orgId, "quickbooks");
    const refreshToken = openToken(after.refreshTokenEncrypted!, org.orgId, "quickbooks");
    expect(refreshToken).toMatch(/^quickbooks-rt-2-/);
    expect(quickbooks.isLive(refreshToken)).toBe(true);
    expect(after.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(after.refreshedAt!.getTime()).toBeGreaterThanOrEqual(before.refreshedAt!.getTime());
  });

  it("refreshes once for two concurrent callers, and both get the new token", async () => {
    const org = await newOrg();
    const { connectionId } = (await connect(org, "quickbooks", "9001")) as { connectionId: string };
    await expireIn(connectionId, -1000);
    let release!: () => void;
    quickbooks.refreshGate = new Promise((resolve) => (release = resolve));

    const both = Promise.all([getAccessToken(testDb.db, connectionId, options), getAccessToken(testDb.db, connectionId, options)]);
    // Let both callers reach the lock before the provider answers.
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    const [first, second] = await both;

    expect(quickbooks.refreshCalls).toBe(1);
    expect(second.accessToken).toBe(first.accessToken);
    const stored = openToken((await connectionRow(org.orgId, "quickbooks")).refreshTokenEncrypted!, org.orgId, "quickbooks");
    expect(quickbooks.isLive(stored)).toBe(true);
  });

  it("after a 401, refreshes only if the rejected token is still the stored one", async () => {
    const org = await newOrg();
    const { connectionId } = (await connect(org, "hubspot", "111")) as { connectionId: string };
    const { accessToken: rejected } = await getAccessToken(testDb.db, connectionId, options);

    const renewed = await refreshAfterRejection(testDb.db, connectionId, rejected, options);
    expect(renewed.accessToken).not.toBe(rejected);
    expect(hubspot.refreshCalls).toBe(1);

    // A second caller that saw the same 401 gets the renewed token without another refresh.
    await expect(refreshAfterRejection(testDb.db, connectionId, rejected, options)).resolves.toEqual(renewed);
    expect(hubspot.refreshCalls).toBe(1);
  });

  it("marks the connection needs_reauth and its records CONNECTION_EXPIRED when the grant is revoked", async () => {
    const org = await newOrg();
    const { connectionId } = (await connect(org, "hubspot", "111")) as { connectionId: string };
    await connect(org, "quickbooks", "9001");
    const synced = await addRecord(org.orgId, "synced");
    const [linked] = await testDb.db
      .insert(recordLinks)
      .values({ orgId: org.orgId, object: "contacts", origin: "quickbooks", hubspotId: "h-1", quickbooksId: "q-1", hubspotSnapshot: { email: "a@x.test" }, quickbooksSnapshot: { email: "a@x.test" }, state: "synced" })
      .returning();
    const pending = await addRecord(org.orgId, "pending");
    const [failing] = await testDb.db
      .insert(recordLinks)
      .values({ orgId: org.orgId, object: "contacts", origin: "hubspot", hubspotId: "h-2", state: "failed", errorCode: "DUPLICATE_DISPLAY_NAME", errorDetail: "“Acme” is taken" })
      .returning();
    const excluded = await addRecord(org.orgId, "excluded");
    hubspot.revokeAll();
    await expireIn(connectionId, -1000);

    const attempt = getAccessToken(testDb.db, connectionId, options);
    await expect(attempt).rejects.toBeInstanceOf(ConnectionExpiredError);
    await expect(attempt).rejects.toMatchObject({ code: CONNECTION_EXPIRED, provider: "hubspot" });

    const row = await connectionRow(org.orgId, "hubspot");
    expect(row).toMatchObject({ status: "needs_reauth", lastError: "Token invalid", accessTokenEncrypted: null, refreshTokenEncrypted: null });
    for (const link of [synced, linked!, pending, failing!]) {
      expect(await recordById(link.id)).toMatchObject({ state: "failed", errorCode: CONNECTION_EXPIRED });
    }
    expect(await recordById(excluded.id)).toMatchObject({ state: "excluded", errorCode: null });
    expect((await listConnections(testDb.db, org.orgId))[0]).toMatchObject({ status: "needs_reauth", lastError: "Token invalid" });

    // Without tokens there is nothing to try: the provider is not asked again.
    const calls = hubspot.refreshCalls;
    await expect(getAccessToken(testDb.db, connectionId, options)).rejects.toBeInstanceOf(ConnectionExpiredError);
    expect(hubspot.refreshCalls).toBe(calls);

    // Reconnecting the same account restores the connection, and each record shows again what it
    // showed before: synced, waiting, or failing for a reason of its own.
    await expect(connect(org, "hubspot", "111")).resolves.toMatchObject({ ok: true, connectionId });
    expect((await connectionRow(org.orgId, "hubspot")).status).toBe("active");
    expect(await recordById(linked!.id)).toMatchObject({ state: "synced", errorCode: null, suspended: null });
    expect(await recordById(synced.id)).toMatchObject({ state: "synced", errorCode: null });
    expect(await recordById(pending.id)).toMatchObject({ state: "pending", errorCode: null });
    expect(await recordById(failing!.id)).toMatchObject({ state: "failed", errorCode: "DUPLICATE_DISPLAY_NAME", errorDetail: "“Acme” is taken" });
    await expect(getAccessToken(testDb.db, connectionId, options)).resolves.toMatchObject({ externalAccountId: "111" });
  });

  it("keeps records failed while the org's other connection still needs reconnecting", async () => {
    const org = await newOrg();
    const hs = (await connect(org, "hubspot", "111")) as { connectionId: string };
    const qb = (await connect(org, "quickbooks", "9001")) as { connectionId: string };
    const link = await addRecord(org.orgId, "synced");
    hubspot.revokeAll();
    quickbooks.revokeAll();
    for (const id of [hs.connectionId, qb.connectionId]) {
      await expireIn(id, -1000);
      await expect(getAccessToken(testDb.db, id, options)).rejects.toBeInstanceOf(ConnectionExpiredError);
    }
    await connect(org, "hubspot", "111");
    expect(await recordById(link.id)).toMatchObject({ state: "failed", errorCode: CONNECTION_EXPIRED });
    await connect(org, "quickbooks", "9001");
    // Back to what it showed before the connections expired.
    expect(await recordById(link.id)).toMatchObject({ state: "synced", errorCode: null });
  });

  it("keeps a provider outage as the last error without expiring the connection", async () => {
    const org = await newOrg();
    const { connectionId } = (await connect(org, "hubspot", "111")) as { connectionId: string };
    await expireIn(connectionId, -1000);
    hubspot.refresh = async () => {
      throw new OAuthRequestError("hubspot", "HubSpot could not be reached");
    };
    await expect(getAccessToken(testDb.db, connectionId, options)).rejects.toMatchObject({ name: "OAuthRequestError" });
    expect(await connectionRow(org.orgId, "hubspot")).toMatchObject({ status: "active", lastError: "HubSpot could not be reached" });
  });

  it("refuses tokens for a disconnected or unknown connection", async () => {
    const org = await newOrg();
    const { connectionId } = (await connect(org, "hubspot", "111")) as { connectionId: string };
    await disconnect(testDb.db, org.orgId, "hubspot", options);
    await expect(getAccessToken(testDb.db, connectionId, options)).rejects.toMatchObject({ reason: "disconnected" });
    await expect(getAccessToken(testDb.db, crypto.randomUUID(), options)).rejects.toBeInstanceOf(ConnectionUnavailableError);
  });
});

describe("disconnecting", () => {
  it("revokes at the provider and wipes the tokens", async () => {
    const org = await newOrg();
    await connect(org, "quickbooks", "9001");
    const refreshToken = openToken((await connectionRow(org.orgId, "quickbooks")).refreshTokenEncrypted!, org.orgId, "quickbooks");
    await expect(disconnect(testDb.db, org.orgId, "quickbooks", options)).resolves.toEqual({ revoked: true });
    expect(quickbooks.revoked).toEqual([refreshToken]);
    expect(await connectionRow(org.orgId, "quickbooks")).toMatchObject({
      status: "disconnected",
      accessTokenEncrypted: null,
      refreshTokenEncrypted: null,
    });
    expect((await listConnections(testDb.db, org.orgId))[1]).toMatchObject({ status: "disconnected", account: { id: "9001" } });
  });

  it("still disconnects when the provider can't be told", async () => {
    const org = await newOrg();
    await connect(org, "hubspot", "111");
    hubspot.failRevoke = true;
    await expect(disconnect(testDb.db, org.orgId, "hubspot", options)).resolves.toEqual({ revoked: false });
    expect((await connectionRow(org.orgId, "hubspot")).status).toBe("disconnected");
  });

  it("with nothing connected claims no revocation: never connected, or disconnected already", async () => {
    const org = await newOrg();
    await expect(disconnect(testDb.db, org.orgId, "hubspot", options)).rejects.toBeInstanceOf(NotConnectedError);
    await connect(org, "hubspot", "111");
    await expect(disconnect(testDb.db, org.orgId, "hubspot", options)).resolves.toEqual({ revoked: true });
    await expect(disconnect(testDb.db, org.orgId, "hubspot", options)).rejects.toBeInstanceOf(NotConnectedError);
    await expect(callerFor(org.userId).connections.disconnect({ provider: "quickbooks" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "QuickBooks Online is not connected.",
    });
  });
});

describe("health", () => {
  it("checks an active connection against the provider and reports an expired one without calling it", async () => {
    const org = await newOrg();
    const { connectionId } = (await connect(org, "hubspot", "111")) as { connectionId: string };
    await expect(checkConnectionHealth(testDb.db, org.orgId, "hubspot", options)).resolves.toMatchObject({
      status: "active",
      account: { id: "111", name: "acme.hubspot.test" },
      lastError: null,
    });
    hubspot.revokeAll();
    await expireIn(connectionId, -1000);
    await expect(checkConnectionHealth(testDb.db, org.orgId, "hubspot", options)).resolves.toMatchObject({ status: "needs_reauth" });
    await expect(checkConnectionHealth(testDb.db, org.orgId, "quickbooks", options)).resolves.toMatchObject({ status: "not_connected" });
  });
});

describe("the callback route", () => {
  it("sends a signed-out browser to sign-in and back, and leaves router fetches alone, without using up the state", async () => {
    const org = await newOrg();
    const state = await createOAuthState(testDb.db, { orgId: org.orgId, userId: org.userId, provider: "hubspot", replaceExisting: false });
    const url = `http://tandem.test/api/oauth/hubspot/callback?code=code:111&state=${state}`;

    const signedOut = await oauthCallbackRedirect("hubspot", new Request(url), undefined, testDb.db);
    expect(signedOut.status).toBe(303);
    const signIn = new URL(signedOut.headers.get("location")!);
    expect(signIn.pathname).toBe("/sign-in");
    expect(signIn.searchParams.get("callbackUrl")).toBe(`/api/oauth/hubspot/callback?code=code:111&state=${state}`);

    // Nothing was used up: the state still waits for the signed-in user.
    expect(await testDb.db.select().from(oauthStates).where(eq(oauthStates.state, state))).toHaveLength(1);
  });
});

describe("coming back to where the connection started", () => {
  it("sends the browser back to the page it asked for, with the result, and refuses a path off the site", async () => {
    const org = await newOrg();
    const caller = callerFor(org.userId);
    await expect(caller.connections.connectUrl({ provider: "hubspot", returnTo: "//evil.test/setup" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.connections.connectUrl({ provider: "hubspot", returnTo: "https://evil.test/setup" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await testDb.db.select().from(oauthStates).where(eq(oauthStates.orgId, org.orgId))).toHaveLength(0);

    const { url } = await startConnection(testDb.db, { orgId: org.orgId, userId: org.userId, provider: "hubspot", replace: false, returnTo: "/setup?step=connect" }, options);
    const state = new URL(url).searchParams.get("state")!;
    const declined = await oauthCallbackRedirect("hubspot", new Request(`http://tandem.test/api/oauth/hubspot/callback?error=access_denied&state=${state}`), org.userId, testDb.db);
    const back = new URL(declined.headers.get("location")!);
    expect(back.origin).toBe("http://tandem.test");
    expect(back.pathname).toBe("/setup");
    expect(Object.fromEntries(back.searchParams)).toEqual({ step: "connect", error: "access_denied", provider: "hubspot" });

    // Without a returnTo the Connections page reports it, as before.
    const plain = await startConnection(testDb.db, { orgId: org.orgId, userId: org.userId, provider: "hubspot", replace: false }, options);
    const plainState = new URL(plain.url).searchParams.get("state")!;
    const declinedPlain = await oauthCallbackRedirect("hubspot", new Request(`http://tandem.test/api/oauth/hubspot/callback?error=access_denied&state=${plainState}`), org.userId, testDb.db);
    expect(new URL(declinedPlain.headers.get("location")!).pathname).toBe("/connections");
  });
});

describe("two callbacks at once", () => {
  it("store one connection for the org", async () => {
    const org = await newOrg();
    const results = await Promise.all([connect(org, "hubspot", "111"), connect(org, "hubspot", "111")]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const rows = await testDb.db.select().from(connections).where(eq(connections.orgId, org.orgId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: "hubspot", status: "active", externalAccountId: "111" });
  });
});
