import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@hubspot/api-client";
import { apiError, startSandbox, installTestApp, type SandboxHarness } from "../testing/harness";
import { sql } from "drizzle-orm";
import { hashToken, issueAuthorizationCode } from "./tokens";
import { sandboxDb } from "../store/db";
import { usersOf } from "../store/accounts";

let h: SandboxHarness;

beforeAll(async () => {
  h = await startSandbox();
});
afterAll(async () => h?.close());

describe("OAuth", () => {
  it("exchanges a code, refreshes, describes and revokes tokens through the client", async () => {
    const app = await installTestApp(h, { redirectUris: ["http://127.0.0.1:9/callback"] });
    const [user] = await usersOf(app.accountId);
    const code = await issueAuthorizationCode({ appId: app.appId, accountId: app.accountId, userId: user?.id ?? 0, redirectUri: "http://127.0.0.1:9/callback", scopes: ["oauth", "crm.objects.contacts.read"] });
    const oauth = new Client({ basePath: h.apiBase }).oauth;

    const tokens = await oauth.tokensApi.create("authorization_code", code, "http://127.0.0.1:9/callback", app.clientId, app.clientSecret);
    expect(tokens).toMatchObject({ tokenType: "bearer", expiresIn: 1800 });
    const reused = await apiError(oauth.tokensApi.create("authorization_code", code, "http://127.0.0.1:9/callback", app.clientId, app.clientSecret));
    expect(reused.code).toBe(400);

    const info = await oauth.accessTokensApi.get(tokens.accessToken);
    expect(info).toMatchObject({ hubId: app.accountId, appId: app.appId, scopes: ["oauth", "crm.objects.contacts.read"] });
    expect(info.expiresIn).toBeGreaterThan(1700);

    const scoped = new Client({ accessToken: tokens.accessToken, basePath: h.apiBase });
    await scoped.crm.contacts.basicApi.getPage();
    const missing = await apiError(scoped.crm.contacts.basicApi.create({ properties: { email: "x@example.com" }, associations: [] }));
    expect(missing.code).toBe(403);
    expect(missing.body.category).toBe("MISSING_SCOPES");

    const refreshed = await oauth.tokensApi.create("refresh_token", undefined, undefined, app.clientId, app.clientSecret, tokens.refreshToken);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);

    await oauth.refreshTokensApi.archive(tokens.refreshToken);
    const dead = await apiError(oauth.tokensApi.create("refresh_token", undefined, undefined, app.clientId, app.clientSecret, tokens.refreshToken));
    expect(dead.code).toBe(400);
    expect((await apiError(scoped.crm.contacts.basicApi.getPage())).code).toBe(401);
  });

  it("stores codes and tokens only as hashes, so the tables hold nothing that could be replayed", async () => {
    const app = await installTestApp(h, { redirectUris: ["http://127.0.0.1:9/callback"] });
    const [user] = await usersOf(app.accountId);
    const code = await issueAuthorizationCode({ appId: app.appId, accountId: app.accountId, userId: user?.id ?? 0, redirectUri: "http://127.0.0.1:9/callback", scopes: ["oauth"] });
    const stored = await sandboxDb().execute<{ value: string }>(sql`
      select token as value from sandbox_hubspot.access_tokens union all select token from sandbox_hubspot.refresh_tokens
      union all select refresh_token from sandbox_hubspot.access_tokens union all select code from sandbox_hubspot.authorization_codes`);
    const values = stored.map((row) => row.value);
    expect(values).not.toContain(app.accessToken);
    expect(values).not.toContain(app.refreshToken);
    expect(values).not.toContain(code);
    expect(values).toContain(hashToken(app.refreshToken));
    // …and the hashed tokens still work.
    expect((await app.client.crm.contacts.basicApi.getPage()).results).toEqual([]);
  });

  it("expires access tokens after the configured lifetime", async () => {
    const app = await installTestApp(h, {}, { tokenLifetimeSeconds: 0 });
    const error = await apiError(app.client.crm.contacts.basicApi.getPage());
    expect(error.code).toBe(401);
    expect(error.body.category).toBe("EXPIRED_AUTHENTICATION");
    await h.admin("PATCH", `/accounts/${app.accountId}/settings`, { tokenLifetimeSeconds: null });
    const fresh = await fetch(`${h.apiBase}/oauth/v1/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", client_id: app.clientId, client_secret: app.clientSecret, refresh_token: app.refreshToken }),
    });
    expect(((await fresh.json()) as { expires_in: number }).expires_in).toBe(1800);
  });
});

describe("rate limits and faults", () => {
  it("sends the rate-limit headers and the exact ten-secondly 429 body", async () => {
    // A slow clock (scale 0.01) stretches the 10 s window so the burst below surely lands in one window.
    const app = await installTestApp(h, {}, { timeScale: 0.01 });
    const call = () => fetch(`${h.apiBase}/crm/v3/objects/contacts?limit=1`, { headers: { authorization: `Bearer ${app.accessToken}` } });
    const first = await call();
    expect(first.headers.get("x-hubspot-ratelimit-max")).toBe("110");
    expect(first.headers.get("x-hubspot-ratelimit-remaining")).toBe("109");
    expect(first.headers.get("x-hubspot-ratelimit-daily-remaining")).toBe("499999");
    for (let i = 0; i < 109; i++) await (await call()).arrayBuffer();
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ status: "error", message: "You have reached your ten_secondly_rolling limit.", errorType: "RATE_LIMIT", policyName: "TEN_SECONDLY_ROLLING" });
    expect((await h.admin("POST", "/limits/reset")).status).toBe(200);
    expect((await call()).status).toBe(200);
  });

  it("limits search to 5 per second with the secondly message", async () => {
    const app = await installTestApp(h, {}, { timeScale: 0.001 });
    const search = () =>
      fetch(`${h.apiBase}/crm/v3/objects/contacts/search`, { method: "POST", headers: { authorization: `Bearer ${app.accessToken}`, "content-type": "application/json" }, body: "{}" });
    for (let i = 0; i < 5; i++) expect((await search()).status).toBe(200);
    const limited = await search();
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { message: string }).message).toBe("You have reached your secondly limit.");
  });

  it("the client's own retry gets through an injected 429", async () => {
    const app = await installTestApp(h);
    await app.client.crm.contacts.basicApi.create({ properties: { email: "retry@example.com" }, associations: [] });
    expect((await h.admin("PUT", `/accounts/${app.accountId}/faults`, { rateLimitNext: 1 })).status).toBe(200);
    const retrying = new Client({ accessToken: app.accessToken, basePath: h.apiBase, numberOfApiCallRetries: 2 });
    const found = await retrying.crm.contacts.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: "email", operator: "EQ" as never, value: "retry@example.com" }] }], properties: [], limit: 1, after: "0", sorts: [] });
    expect(found.total).toBe(1);
    expect((await h.admin("GET", `/accounts/${app.accountId}/faults`)).body).toMatchObject({ rateLimitNext: 0 });
  });

  it("injects server errors, and refuses invalid fault settings", async () => {
    const app = await installTestApp(h);
    expect((await h.admin("PUT", `/accounts/${app.accountId}/faults`, { serverErrorRate: 2 })).status).toBe(400);
    await h.admin("PUT", `/accounts/${app.accountId}/faults`, { serverErrorRate: 1 });
    const error = await apiError(app.client.crm.contacts.basicApi.getPage());
    expect([500, 503]).toContain(error.code);
    await h.admin("PUT", `/accounts/${app.accountId}/faults`, {});
    await app.client.crm.contacts.basicApi.getPage();
  });
});
