/**
 * Intuit's OAuth 2.0 for QuickBooks Online: authorize URL, code exchange (the company arrives as
 * `realmId` on the callback), refresh (every refresh rotates the refresh token), revocation and
 * the company's name from CompanyInfo. Plain fetch, injectable so tests can answer in-process.
 */
import {
  InvalidGrantError,
  OAuthRequestError,
  oauthRequest,
  parseTokenResponse,
  stringField,
  type AuthorizedAccount,
  type Fetch,
  type ProviderAccount,
  type ProviderOAuth,
  type StoredTokens,
  type TokenSet,
} from "../oauth";
import { QUICKBOOKS_SCOPES, quickbooksApp, quickbooksEndpoints, type QuickbooksApp, type QuickbooksEndpoints } from "./endpoints";

export interface QuickbooksOAuthOptions {
  endpoints?: QuickbooksEndpoints;
  app?: QuickbooksApp;
  fetch?: Fetch;
  now?: () => Date;
}

export interface QuickbooksOAuth extends ProviderOAuth {
  companyInfo(accessToken: string, realmId: string): Promise<ProviderAccount>;
}

/** The minor version every request is answered with since August 2025; stated for clarity. */
const MINOR_VERSION = "75";

/** Realm ids are decimal numbers; anything else in a callback is tampering. */
const REALM_ID = /^\d{1,32}$/;

function errorMessage(body: unknown, fallback: string): string {
  return stringField(body, "error_description") ?? stringField(body, "error") ?? fallback;
}

export function quickbooksOAuth(options: QuickbooksOAuthOptions = {}): QuickbooksOAuth {
  const endpoints = options.endpoints ?? quickbooksEndpoints();
  const app = options.app ?? quickbooksApp();
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const basicAuth = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`;

  async function tokenRequest(form: Record<string, string>): Promise<TokenSet> {
    const receivedAt = now();
    const { status, ok, body } = await oauthRequest("quickbooks", doFetch, endpoints.tokenUrl, {
      method: "POST",
      headers: { authorization: basicAuth, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(form),
    });
    if (ok) return parseTokenResponse("quickbooks", body, receivedAt);
    if (form.grant_type === "refresh_token" && stringField(body, "error") === "invalid_grant") {
      throw new InvalidGrantError("quickbooks", errorMessage(body, "QuickBooks refused the refresh token"));
    }
    throw new OAuthRequestError("quickbooks", `QuickBooks token request failed: ${errorMessage(body, `HTTP ${status}`)}`, status);
  }

  async function companyInfo(accessToken: string, realmId: string): Promise<ProviderAccount> {
    const url = `${endpoints.apiBaseUrl}${realmId}/companyinfo/${realmId}?minorversion=${MINOR_VERSION}`;
    const { status, ok, body } = await oauthRequest("quickbooks", doFetch, url, {
      method: "GET",
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
    });
    const info = body && typeof body === "object" ? (body as { CompanyInfo?: unknown }).CompanyInfo : undefined;
    if (!ok || !info) throw new OAuthRequestError("quickbooks", `QuickBooks CompanyInfo failed: HTTP ${status}`, status);
    return { id: realmId, name: stringField(info, "CompanyName") ?? stringField(info, "LegalName") ?? null };
  }

  return {
    provider: "quickbooks",
    companyInfo,
    accountInfo: companyInfo,

    authorizeUrl(state) {
      const url = new URL(endpoints.authorizeUrl);
      url.searchParams.set("client_id", app.clientId);
      url.searchParams.set("response_type", "code");
      url.searchParams.set("scope", QUICKBOOKS_SCOPES.join(" "));
      url.searchParams.set("redirect_uri", app.redirectUri);
      url.searchParams.set("state", state);
      return url.toString();
    },

    async completeAuthorization(callback: URLSearchParams): Promise<AuthorizedAccount> {
      const code = callback.get("code");
      const realmId = callback.get("realmId");
      if (!code) throw new OAuthRequestError("quickbooks", "QuickBooks' callback carried no authorization code");
      if (!realmId || !REALM_ID.test(realmId)) throw new OAuthRequestError("quickbooks", "QuickBooks' callback carried no valid realmId");
      const tokens = await tokenRequest({ grant_type: "authorization_code", code, redirect_uri: app.redirectUri });
      return { tokens, account: await companyInfo(tokens.accessToken, realmId) };
    },

    refresh(refreshToken) {
      return tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken });
    },

    async revoke(tokens: StoredTokens) {
      // Revoking the refresh token ends the whole grant, access token included.
      const token = tokens.refreshToken ?? tokens.accessToken;
      if (!token) return;
      const { status, ok, body } = await oauthRequest("quickbooks", doFetch, endpoints.revokeUrl, {
        method: "POST",
        headers: { authorization: basicAuth, "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ token }),
      });
      if (!ok) throw new OAuthRequestError("quickbooks", `QuickBooks revoke failed: ${errorMessage(body, `HTTP ${status}`)}`, status);
    },
  };
}
