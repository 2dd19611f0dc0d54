/**
 * What the HubSpot and QuickBooks OAuth clients have in common: the token set they return, the
 * errors they throw and the interface the connections layer drives them through.
 */
import type { Provider } from "../db/schema";

export type Fetch = typeof fetch;

/** A token endpoint's answer, normalized. `expiresAt` is computed when the answer arrives. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scopes: string | null;
}

/** The provider account (HubSpot portal, QuickBooks company) a set of tokens belongs to. */
export interface ProviderAccount {
  id: string;
  name: string | null;
}

export interface AuthorizedAccount {
  tokens: TokenSet;
  account: ProviderAccount;
}

/** The tokens a connection holds; revoking may use either. */
export interface StoredTokens {
  accessToken: string | null;
  refreshToken: string | null;
}

/** One provider's OAuth 2.0 authorization-code flow, as the connections layer uses it. */
export interface ProviderOAuth {
  provider: Provider;
  authorizeUrl(state: string): string;
  /** Exchanges the code of a callback (its query parameters) and identifies the account. */
  completeAuthorization(callback: URLSearchParams): Promise<AuthorizedAccount>;
  refresh(refreshToken: string): Promise<TokenSet>;
  revoke(tokens: StoredTokens): Promise<void>;
  /** Reads the account an access token works for; a rejected token throws an OAuthRequestError with status 401. */
  accountInfo(accessToken: string, accountId: string): Promise<ProviderAccount>;
}

/** The provider refused a grant for good (HubSpot `BAD_REFRESH_TOKEN`, OAuth `invalid_grant`): re-authorize. */
export class InvalidGrantError extends Error {
  constructor(
    readonly provider: Provider,
    message: string,
  ) {
    super(message);
    this.name = "InvalidGrantError";
  }
}

/**
 * Any other failed OAuth call: the provider answered with an error status or something that isn't
 * a token response, or it could not be reached. `status` is absent when no answer came.
 */
export class OAuthRequestError extends Error {
  constructor(
    readonly provider: Provider,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "OAuthRequestError";
  }

  /** Worth trying again later: no answer, rate limited or a server error. */
  get retryable(): boolean {
    return this.status === undefined || this.status === 429 || this.status >= 500;
  }
}

/** The app's client id/secret for a provider are not configured. */
export class ProviderNotConfiguredError extends Error {
  constructor(
    readonly provider: Provider,
    readonly missing: string[],
  ) {
    super(`${provider} is not configured: set ${missing.join(", ")}`);
    this.name = "ProviderNotConfiguredError";
  }
}

/** How long an OAuth call may take before it is given up on. */
export const OAUTH_TIMEOUT_MS = 15_000;

/**
 * Runs one OAuth HTTP call and parses its JSON body. Network failures and timeouts become an
 * OAuthRequestError; the body of an error answer is returned for the caller to classify.
 */
export async function oauthRequest(
  provider: Provider,
  doFetch: Fetch,
  url: string,
  init: RequestInit,
): Promise<{ status: number; ok: boolean; body: unknown }> {
  let response: Response;
  try {
    response = await doFetch(url, { ...init, signal: AbortSignal.timeout(OAUTH_TIMEOUT_MS) });
  } catch (error) {
    throw new OAuthRequestError(provider, `${provider} could not be reached`, undefined, { cause: error });
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  return { status: response.status, ok: response.ok, body };
}

/** Reads a string field from an unknown JSON body. */
export function stringField(body: unknown, field: string): string | undefined {
  if (body && typeof body === "object" && field in body) {
    const value = (body as Record<string, unknown>)[field];
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
  }
  return undefined;
}

/** Normalizes a token endpoint's success body; throws if a required field is missing. */
export function parseTokenResponse(provider: Provider, body: unknown, receivedAt: Date): TokenSet {
  const accessToken = stringField(body, "access_token");
  const refreshToken = stringField(body, "refresh_token");
  const expiresIn = Number(stringField(body, "expires_in"));
  if (!accessToken || !refreshToken || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new OAuthRequestError(provider, `${provider} answered the token request without a usable token`);
  }
  return {
    accessToken,
    refreshToken,
    expiresAt: new Date(receivedAt.getTime() + expiresIn * 1000),
    scopes: stringField(body, "scope") ?? null,
  };
}
