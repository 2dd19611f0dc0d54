import { describe, expect, it } from "vitest";
import { InvalidGrantError, OAuthRequestError } from "../oauth";
import { QUICKBOOKS_PRODUCTION_ENDPOINTS, quickbooksEndpoints } from "./endpoints";
import { quickbooksOAuth } from "./oauth";

const endpoints = quickbooksEndpoints({ QUICKBOOKS_BASE_URL: "http://qbo.test/sandbox/quickbooks" });
const app = { clientId: "qb-client", clientSecret: "qb-secret", redirectUri: "http://tandem.test/api/oauth/quickbooks/callback" };
const now = new Date("2026-01-01T00:00:00Z");
const basic = `Basic ${Buffer.from("qb-client:qb-secret").toString("base64")}`;

interface Seen {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

function scripted(...answers: Array<{ status: number; body?: unknown }>) {
  const seen: Seen[] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ method: init?.method ?? "GET", url: String(input), headers: new Headers(init?.headers), body: init?.body ? String(init.body) : "" });
    const answer = answers.shift();
    if (!answer) throw new Error("unexpected request");
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
  };
  return { seen, client: quickbooksOAuth({ endpoints, app, fetch: fetchFn as typeof fetch, now: () => now }) };
}

const tokenBody = { token_type: "bearer", access_token: "qat-1", refresh_token: "qrt-1", expires_in: 3600, x_refresh_token_expires_in: 8726400 };

describe("QuickBooks endpoints", () => {
  it("hang off one base URL in the sandbox and use Intuit's hosts otherwise", () => {
    expect(endpoints).toEqual({
      authorizeUrl: "http://qbo.test/sandbox/quickbooks/connect/oauth2",
      tokenUrl: "http://qbo.test/sandbox/quickbooks/oauth2/v1/tokens/bearer",
      revokeUrl: "http://qbo.test/sandbox/quickbooks/oauth2/v1/tokens/revoke",
      apiBaseUrl: "http://qbo.test/sandbox/quickbooks/v3/company/",
    });
    expect(quickbooksEndpoints({ QUICKBOOKS_BASE_URL: undefined })).toBe(QUICKBOOKS_PRODUCTION_ENDPOINTS);
  });
});

describe("QuickBooks OAuth", () => {
  it("builds the authorize URL Intuit expects", () => {
    const url = new URL(scripted().client.authorizeUrl("state-9"));
    expect(url.origin + url.pathname).toBe("http://qbo.test/sandbox/quickbooks/connect/oauth2");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: "qb-client",
      response_type: "code",
      scope: "com.intuit.quickbooks.accounting",
      redirect_uri: app.redirectUri,
      state: "state-9",
    });
  });

  it("exchanges the code with Basic auth and names the company from CompanyInfo", async () => {
    const { client, seen } = scripted(
      { status: 200, body: tokenBody },
      { status: 200, body: { CompanyInfo: { CompanyName: "Craig's Design", Id: "1" }, time: "2026-01-01T00:00:00Z" } },
    );
    const result = await client.completeAuthorization(new URLSearchParams({ code: "c-1", state: "s", realmId: "9130350" }));
    expect(result).toEqual({
      tokens: { accessToken: "qat-1", refreshToken: "qrt-1", expiresAt: new Date(now.getTime() + 3600_000), scopes: null },
      account: { id: "9130350", name: "Craig's Design" },
    });
    expect(seen[0]!.headers.get("authorization")).toBe(basic);
    expect(Object.fromEntries(new URLSearchParams(seen[0]!.body))).toEqual({
      grant_type: "authorization_code",
      code: "c-1",
      redirect_uri: app.redirectUri,
    });
    expect(seen[1]!.url).toBe("http://qbo.test/sandbox/quickbooks/v3/company/9130350/companyinfo/9130350?minorversion=75");
    expect(seen[1]!.headers.get("authorization")).toBe("Bearer qat-1");
  });

  it("refuses a callback whose realmId is missing or not a number, before calling Intuit", async () => {
    const { client, seen } = scripted();
    await expect(client.completeAuthorization(new URLSearchParams({ code: "c" }))).rejects.toBeInstanceOf(OAuthRequestError);
    await expect(client.completeAuthorization(new URLSearchParams({ code: "c", realmId: "1/../2" }))).rejects.toBeInstanceOf(OAuthRequestError);
    expect(seen).toHaveLength(0);
  });

  it("refreshes, returning the rotated refresh token", async () => {
    const { client, seen } = scripted({ status: 200, body: { ...tokenBody, access_token: "qat-2", refresh_token: "qrt-2" } });
    await expect(client.refresh("qrt-1")).resolves.toMatchObject({ accessToken: "qat-2", refreshToken: "qrt-2" });
    expect(Object.fromEntries(new URLSearchParams(seen[0]!.body))).toEqual({ grant_type: "refresh_token", refresh_token: "qrt-1" });
  });

  it("turns invalid_grant into an InvalidGrantError", async () => {
    const { client } = scripted({ status: 400, body: { error: "invalid_grant", error_description: "Token invalid" } });
    await expect(client.refresh("qrt-dead")).rejects.toMatchObject({ name: "InvalidGrantError", provider: "quickbooks", message: "Token invalid" });
  });

  it("does not mistake a bad client for a dead grant", async () => {
    const { client } = scripted({ status: 401, body: { error: "invalid_client" } });
    const error = await client.refresh("qrt-1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthRequestError);
    expect(error).not.toBeInstanceOf(InvalidGrantError);
    expect((error as OAuthRequestError).retryable).toBe(false);
  });

  it("revokes the refresh token with a JSON body and Basic auth", async () => {
    const { client, seen } = scripted({ status: 200 }, { status: 400, body: { error: "invalid_request" } });
    await client.revoke({ accessToken: "qat-1", refreshToken: "qrt-1" });
    expect(seen[0]).toMatchObject({ method: "POST", url: endpoints.revokeUrl, body: JSON.stringify({ token: "qrt-1" }) });
    expect(seen[0]!.headers.get("authorization")).toBe(basic);
    await expect(client.revoke({ accessToken: "qat-1", refreshToken: "qrt-1" })).rejects.toBeInstanceOf(OAuthRequestError);
  });
});
