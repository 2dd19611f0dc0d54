import { describe, expect, it } from "vitest";
import { InvalidGrantError, OAuthRequestError } from "../oauth";
import type { HubspotEndpoints } from "./endpoints";
import { hubspotEndpoints } from "./endpoints";
import { hubspotOAuth } from "./oauth";

const endpoints: HubspotEndpoints = hubspotEndpoints({
  HUBSPOT_BASE_URL: "http://hubspot.test/api/",
  HUBSPOT_AUTHORIZE_URL: "http://hubspot.test/oauth/authorize",
});
const app = { appId: "3000001", clientId: "client-1", clientSecret: "secret-1", redirectUri: "http://tandem.test/api/oauth/hubspot/callback" };
const now = new Date("2026-01-01T00:00:00Z");

interface Seen {
  method: string;
  url: string;
  body: string;
}

/** A fetch that records each request and answers from the script, in order. */
function scripted(...answers: Array<{ status: number; body?: unknown }>) {
  const seen: Seen[] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ method: init?.method ?? "GET", url: String(input), body: init?.body ? String(init.body) : "" });
    const answer = answers.shift();
    if (!answer) throw new Error("unexpected request");
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
  };
  return { seen, client: hubspotOAuth({ endpoints, app, fetch: fetchFn as typeof fetch, now: () => now }) };
}

describe("HubSpot OAuth", () => {
  it("builds the authorize URL with the app, the callback, the scopes and the state", () => {
    const url = new URL(scripted().client.authorizeUrl("state-123"));
    expect(url.origin + url.pathname).toBe("http://hubspot.test/oauth/authorize");
    expect(url.searchParams.get("client_id")).toBe("client-1");
    expect(url.searchParams.get("redirect_uri")).toBe(app.redirectUri);
    expect(url.searchParams.get("state")).toBe("state-123");
    expect(url.searchParams.get("scope")?.split(" ")).toContain("crm.objects.invoices.write");
  });

  it("exchanges a code and identifies the portal from the token info", async () => {
    const { client, seen } = scripted(
      { status: 200, body: { access_token: "at-1", refresh_token: "rt-1", expires_in: 1800, token_type: "bearer" } },
      { status: 200, body: { hub_id: 40000001, hub_domain: "acme.hubspot.test", scopes: ["oauth", "crm.objects.invoices.read"] } },
    );
    const result = await client.completeAuthorization(new URLSearchParams({ code: "code-1", state: "s" }));
    expect(result.account).toEqual({ id: "40000001", name: "acme.hubspot.test" });
    expect(result.tokens).toEqual({
      accessToken: "at-1",
      refreshToken: "rt-1",
      expiresAt: new Date(now.getTime() + 1800_000),
      scopes: "oauth crm.objects.invoices.read",
    });
    expect(seen[0]!.url).toBe("http://hubspot.test/api/oauth/v1/token");
    expect(Object.fromEntries(new URLSearchParams(seen[0]!.body))).toEqual({
      client_id: "client-1",
      client_secret: "secret-1",
      grant_type: "authorization_code",
      redirect_uri: app.redirectUri,
      code: "code-1",
    });
    expect(seen[1]!.url).toBe("http://hubspot.test/api/oauth/v1/access-tokens/at-1");
  });

  it("refuses a callback without a code before calling HubSpot", async () => {
    const { client, seen } = scripted();
    await expect(client.completeAuthorization(new URLSearchParams({ state: "s" }))).rejects.toBeInstanceOf(OAuthRequestError);
    expect(seen).toHaveLength(0);
  });

  it("turns BAD_REFRESH_TOKEN into an InvalidGrantError", async () => {
    const { client } = scripted({ status: 400, body: { status: "BAD_REFRESH_TOKEN", message: "missing or unknown refresh token" } });
    const attempt = client.refresh("rt-dead");
    await expect(attempt).rejects.toBeInstanceOf(InvalidGrantError);
    await expect(attempt).rejects.toMatchObject({ provider: "hubspot", message: "missing or unknown refresh token" });
  });

  it("reports a server error on refresh as a retryable request error, not a dead grant", async () => {
    const { client } = scripted({ status: 502, body: { status: "error", message: "Bad gateway" } });
    const error = await client.refresh("rt-1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthRequestError);
    expect(error).not.toBeInstanceOf(InvalidGrantError);
    expect((error as OAuthRequestError).retryable).toBe(true);
  });

  it("reports an unreachable HubSpot as a retryable request error", async () => {
    const failing = hubspotOAuth({ endpoints, app, fetch: (async () => Promise.reject(new TypeError("fetch failed"))) as typeof fetch });
    const error = await failing.refresh("rt-1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthRequestError);
    expect((error as OAuthRequestError).status).toBeUndefined();
    expect((error as OAuthRequestError).retryable).toBe(true);
  });

  it("rejects a token answer without a refresh token", async () => {
    const { client } = scripted({ status: 200, body: { access_token: "at-2", expires_in: 1800 } });
    await expect(client.refresh("rt-1")).rejects.toBeInstanceOf(OAuthRequestError);
  });

  it("revokes the refresh token with a DELETE, treating an unknown one as revoked", async () => {
    const { client, seen } = scripted({ status: 204 }, { status: 404, body: { status: "BAD_REFRESH_TOKEN" } }, { status: 500 });
    await client.revoke({ accessToken: "at-1", refreshToken: "rt/1" });
    expect(seen[0]).toMatchObject({ method: "DELETE", url: "http://hubspot.test/api/oauth/v1/refresh-tokens/rt%2F1" });
    await expect(client.revoke({ accessToken: null, refreshToken: "rt-gone" })).resolves.toBeUndefined();
    await expect(client.revoke({ accessToken: null, refreshToken: "rt-3" })).rejects.toBeInstanceOf(OAuthRequestError);
  });
});
