import OAuthClient from "intuit-oauth";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetClock } from "../domain/clock";
import { call, oauthClient, quickbooksClient } from "../testing/clients";
import { admin, approveConsent, createCompanyViaAdmin, startSandbox, type SandboxHarness } from "../testing/harness";

/** Conformance of the OAuth endpoints with Intuit's own client, `intuit-oauth`, over loopback HTTP. */
describe("sandbox QBO OAuth 2.0", () => {
  let harness: SandboxHarness;
  let realmId: string;

  beforeAll(async () => {
    harness = await startSandbox();
    realmId = await createCompanyViaAdmin(harness, { name: "OAuth Co" });
  });
  afterAll(() => harness.close());
  afterEach(() => resetClock());

  type IssuedToken = Required<ReturnType<OAuthClient["getToken"]>["getToken"] extends () => infer T ? T : never>;
  const issued = (response: { getToken(): unknown }) => response.getToken() as IssuedToken;

  async function connect(client: OAuthClient): Promise<IssuedToken> {
    const query = await approveConsent(harness, realmId, "xyz");
    expect(query.get("state")).toBe("xyz");
    expect(query.get("realmId")).toBe(realmId);
    const response = await client.createToken(`${harness.app.redirectUri}?${query.toString()}`);
    return issued(response);
  }

  it("shows a consent page for a registered app and refuses an unknown redirect URI", async () => {
    const client = oauthClient(harness);
    const url = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: "s1" });
    expect(url.startsWith(`${harness.base}/connect/oauth2?`)).toBe(true);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Conformance wants to connect");
    expect(html).toContain("OAuth Co");

    const bad = new URL(url);
    bad.searchParams.set("redirect_uri", "https://evil.example/cb");
    const refused = await fetch(bad, { redirect: "manual" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("not registered");
  });

  it("redirects with error=access_denied when the user cancels", async () => {
    const form = new URLSearchParams({
      client_id: harness.app.clientId,
      response_type: "code",
      scope: "com.intuit.quickbooks.accounting",
      redirect_uri: harness.app.redirectUri,
      state: "st",
      decision: "deny",
    });
    const response = await fetch(`${harness.base}/connect/oauth2`, { method: "POST", body: form, redirect: "manual" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(location.origin + location.pathname).toBe(harness.app.redirectUri);
    expect(Object.fromEntries(location.searchParams)).toEqual({ error: "access_denied", state: "st" });
  });

  it("creates a new company from the consent page and connects to it", async () => {
    const form = new URLSearchParams({
      client_id: harness.app.clientId,
      response_type: "code",
      scope: "com.intuit.quickbooks.accounting openid",
      redirect_uri: harness.app.redirectUri,
      state: "new",
      realmId: "new",
      companyName: "Maple Leaf Ltd",
      country: "CA",
      decision: "approve",
    });
    const response = await fetch(`${harness.base}/connect/oauth2`, { method: "POST", body: form, redirect: "manual" });
    const query = new URL(response.headers.get("location")!).searchParams;
    const client = oauthClient(harness);
    await client.createToken(`${harness.app.redirectUri}?${query.toString()}`);
    const qbo = quickbooksClient(harness, { access: issued(client).access_token }, query.get("realmId")!);
    const info = await call(qbo, "getCompanyInfo", query.get("realmId"));
    expect(info.err).toBeNull();
    expect(info.body).toMatchObject({ CompanyName: "Maple Leaf Ltd", Country: "CA", CompanyAddr: { Country: "CAN" } });
  });

  it("exchanges a code once, with the token response Intuit documents", async () => {
    const client = oauthClient(harness);
    const query = await approveConsent(harness, realmId);
    const token = issued(await client.createToken(`${harness.app.redirectUri}?${query.toString()}`));
    expect(token).toMatchObject({ token_type: "bearer", expires_in: 3600, x_refresh_token_expires_in: 8726400, realmId });
    expect(token.access_token.length).toBeGreaterThan(40);
    expect(token.refresh_token).toMatch(/^RT1-/);

    const again = oauthClient(harness);
    await expect(again.createToken(`${harness.app.redirectUri}?${query.toString()}`)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("rejects bad client credentials with invalid_client", async () => {
    const client = new OAuthClient({ clientId: harness.app.clientId, clientSecret: "wrong", environment: "sandbox", redirectUri: harness.app.redirectUri });
    const query = await approveConsent(harness, realmId);
    await expect(client.createToken(`${harness.app.redirectUri}?${query.toString()}`)).rejects.toMatchObject({ error: "invalid_client" });
  });

  it("rotates the refresh token on every refresh; the previous one works for 24 hours more, then invalid_grant", async () => {
    const client = oauthClient(harness);
    const first = await connect(client);
    const second = issued(await client.refresh());
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);

    const graceful = issued(await oauthClient(harness).refreshUsingToken(first.refresh_token));
    expect(graceful.refresh_token).not.toBe(second.refresh_token);

    await admin(harness, "clock", { shiftMs: 25 * 3600 * 1000 });
    await expect(oauthClient(harness).refreshUsingToken(first.refresh_token)).rejects.toMatchObject({
      error: "invalid_grant",
      error_description: "Token invalid",
    });
    const third = issued(await oauthClient(harness).refreshUsingToken(second.refresh_token));
    expect(third.refresh_token).toMatch(/^RT1-/);
    await expect(oauthClient(harness).refreshUsingToken("RT1-unknown")).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("expires access tokens after the configured lifetime with the lowercase 401 body", async () => {
    await admin(harness, `companies/${realmId}/settings`, { accessTokenLifetimeSeconds: 60 });
    const client = oauthClient(harness);
    const token = await connect(client);
    expect(token.expires_in).toBe(60);
    const qbo = quickbooksClient(harness, { access: token.access_token }, realmId);
    expect((await call(qbo, "getPreferences")).err).toBeNull();

    await admin(harness, "clock", { shiftMs: 61_000 });
    const expired = await call(qbo, "getPreferences");
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({
      warnings: null,
      intuitObject: null,
      fault: {
        error: [{ message: "message=AuthenticationFailed; errorCode=003200; statusCode=401", detail: "Token expired", code: "3200", element: null }],
        type: "AUTHENTICATION",
      },
      time: expect.any(Number),
    });
    await admin(harness, `companies/${realmId}/settings`, { accessTokenLifetimeSeconds: null });
  });

  it("divides token lifetimes by the company's time scale", async () => {
    await admin(harness, `companies/${realmId}/settings`, { timeScale: 60 });
    const token = await connect(oauthClient(harness));
    expect(token.expires_in).toBe(60);
    await admin(harness, `companies/${realmId}/settings`, { timeScale: null });
  });

  it("answers 403 in the same shape for a token of another company", async () => {
    const token = await connect(oauthClient(harness));
    const other = await createCompanyViaAdmin(harness, { name: "Other Co" });
    const qbo = quickbooksClient(harness, { access: token.access_token }, other);
    const result = await call(qbo, "getPreferences");
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({
      fault: { error: [{ message: "message=AuthorizationFailed; errorCode=003100; statusCode=403", code: "3100", element: null }], type: "AUTHORIZATION" },
    });
    expect(result.body).toHaveProperty("warnings", null);
  });

  it("revokes: the access and refresh tokens of the connection stop working", async () => {
    const client = oauthClient(harness);
    const token = await connect(client);
    const qbo = quickbooksClient(harness, { access: token.access_token, refresh: token.refresh_token }, realmId);
    const revoked = await client.revoke({ refresh_token: token.refresh_token });
    expect(revoked.response.status).toBe(200);
    expect((await call(qbo, "getPreferences")).status).toBe(401);
    await expect(oauthClient(harness).refreshUsingToken(token.refresh_token)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("node-quickbooks refreshes and revokes through the same endpoints", async () => {
    const token = await connect(oauthClient(harness));
    const qbo = quickbooksClient(harness, { access: token.access_token, refresh: token.refresh_token }, realmId);
    const refreshed = await call(qbo, "refreshAccessToken");
    expect(refreshed.err).toBeNull();
    expect(refreshed.body).toMatchObject({ token_type: "bearer", expires_in: 3600 });
    expect((await call(qbo, "getPreferences")).err).toBeNull();
    const revoked = await call(qbo, "revokeAccess", true);
    expect(revoked.err).toBeNull();
    const stale = quickbooksClient(harness, { access: refreshed.body.access_token as string }, realmId);
    expect((await call(stale, "getPreferences")).status).toBe(401);
  });

  it("puts an intuit_tid header on token and API responses", async () => {
    const response = await fetch(`${harness.base}/oauth2/v1/tokens/bearer`, { method: "POST", body: new URLSearchParams({ grant_type: "refresh_token" }) });
    expect(response.status).toBe(401);
    expect(response.headers.get("intuit_tid")).toMatch(/^1-/);
    const api = await fetch(`${harness.base}/v3/company/${realmId}/preferences`);
    expect(api.headers.get("intuit_tid")).toMatch(/^1-/);
  });
});
