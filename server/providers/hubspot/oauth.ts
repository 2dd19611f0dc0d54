/**
 * HubSpot's OAuth 2.0: authorize URL, code exchange, refresh, token info (which portal a token
 * belongs to) and refresh-token revocation. Plain fetch, injectable so tests can answer in-process.
 */
import {
  InvalidGrantError,
  OAuthRequestError,
  oauthRequest,
  parseTokenResponse,
  stringField,
  type AuthorizedAccount,
  type Fetch,
  type ProviderOAuth,
  type StoredTokens,
  type TokenSet,
} from "../oauth";
import { HUBSPOT_SCOPES, hubspotApp, hubspotEndpoints, type HubspotApp, type HubspotEndpoints } from "./endpoints";

export interface HubspotOAuthOptions {
  endpoints?: HubspotEndpoints;
  app?: HubspotApp;
  fetch?: Fetch;
  now?: () => Date;
}

/** What HubSpot says about an access token. */
export interface HubspotTokenInfo {
  hubId: string;
  hubDomain: string | null;
  userEmail: string | null;
  scopes: string[];
}

export interface HubspotOAuth extends ProviderOAuth {
  tokenInfo(accessToken: string): Promise<HubspotTokenInfo>;
}

/** HubSpot's answers meaning "this grant is dead": the legacy status and the OAuth standard code. */
const DEAD_GRANT = new Set(["BAD_REFRESH_TOKEN", "invalid_grant"]);

function errorMessage(body: unknown, fallback: string): string {
  return stringField(body, "message") ?? stringField(body, "error_description") ?? fallback;
}

export function hubspotOAuth(options: HubspotOAuthOptions = {}): HubspotOAuth {
  const endpoints = options.endpoints ?? hubspotEndpoints();
  const app = options.app ?? hubspotApp();
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());

  async function tokenRequest(form: Record<string, string>): Promise<TokenSet> {
    const receivedAt = now();
    const { status, ok, body } = await oauthRequest("hubspot", doFetch, endpoints.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, ...form }),
    });
    if (ok) return parseTokenResponse("hubspot", body, receivedAt);
    const code = stringField(body, "status") ?? stringField(body, "error");
    if (form.grant_type === "refresh_token" && code && DEAD_GRANT.has(code)) {
      throw new InvalidGrantError("hubspot", errorMessage(body, "HubSpot refused the refresh token"));
    }
    throw new OAuthRequestError("hubspot", `HubSpot token request failed: ${errorMessage(body, `HTTP ${status}`)}`, status);
  }

  async function tokenInfo(accessToken: string): Promise<HubspotTokenInfo> {
    const { status, ok, body } = await oauthRequest("hubspot", doFetch, endpoints.tokenInfoUrl(accessToken), {
      method: "GET",
      headers: { accept: "application/json" },
    });
    const hubId = stringField(body, "hub_id");
    if (!ok || !hubId) {
      throw new OAuthRequestError("hubspot", `HubSpot token info failed: ${errorMessage(body, `HTTP ${status}`)}`, status);
    }
    const scopes = body && typeof body === "object" && Array.isArray((body as { scopes?: unknown }).scopes)
      ? ((body as { scopes: unknown[] }).scopes.filter((s) => typeof s === "string") as string[])
      : [];
    return { hubId, hubDomain: stringField(body, "hub_domain") ?? null, userEmail: stringField(body, "user") ?? null, scopes };
  }

  return {
    provider: "hubspot",
    tokenInfo,

    authorizeUrl(state) {
      const url = new URL(endpoints.authorizeUrl);
      url.searchParams.set("client_id", app.clientId);
      url.searchParams.set("redirect_uri", app.redirectUri);
      url.searchParams.set("scope", HUBSPOT_SCOPES.join(" "));
      url.searchParams.set("state", state);
      return url.toString();
    },

    async completeAuthorization(callback: URLSearchParams): Promise<AuthorizedAccount> {
      const code = callback.get("code");
      if (!code) throw new OAuthRequestError("hubspot", "HubSpot's callback carried no authorization code");
      const tokens = await tokenRequest({ grant_type: "authorization_code", redirect_uri: app.redirectUri, code });
      const info = await tokenInfo(tokens.accessToken);
      return {
        tokens: { ...tokens, scopes: tokens.scopes ?? (info.scopes.join(" ") || null) },
        account: { id: info.hubId, name: info.hubDomain },
      };
    },

    async accountInfo(accessToken) {
      const info = await tokenInfo(accessToken);
      return { id: info.hubId, name: info.hubDomain };
    },

    refresh(refreshToken) {
      return tokenRequest({ grant_type: "refresh_token", redirect_uri: app.redirectUri, refresh_token: refreshToken });
    },

    async revoke(tokens: StoredTokens) {
      if (!tokens.refreshToken) return;
      const { status, ok, body } = await oauthRequest("hubspot", doFetch, endpoints.revokeRefreshTokenUrl(tokens.refreshToken), {
        method: "DELETE",
      });
      // An unknown refresh token is as revoked as it gets.
      if (ok || status === 404) return;
      throw new OAuthRequestError("hubspot", `HubSpot revoke failed: ${errorMessage(body, `HTTP ${status}`)}`, status);
    },
  };
}
