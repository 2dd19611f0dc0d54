import type { Provider } from "../../db/schema";
import { InvalidGrantError, OAuthRequestError, type AuthorizedAccount, type ProviderOAuth, type TokenSet } from "../../providers/oauth";
import type { OAuthClients } from "../oauth-clients";

/**
 * An in-memory stand-in for a provider's OAuth server, for tests of the connections layer. Codes
 * name the account they authorize (`code:<accountId>`); every refresh rotates the refresh token
 * (as QuickBooks does) and the previous one dies at once, so a refresh with a stale token fails.
 */
export class FakeOAuthProvider implements ProviderOAuth {
  refreshCalls = 0;
  revoked: string[] = [];
  failRevoke = false;
  /** Held while set: refreshes wait on it, so tests can make two of them overlap. */
  refreshGate: Promise<void> | null = null;
  private live = new Map<string, string>();
  private issued = 0;

  constructor(
    readonly provider: Provider,
    private readonly accounts: Record<string, string>,
    private readonly lifetimeMs = 3_600_000,
  ) {}

  private mint(accountId: string): TokenSet {
    this.issued += 1;
    const refreshToken = `${this.provider}-rt-${this.issued}-${accountId}`;
    this.live.set(refreshToken, accountId);
    return {
      accessToken: `${this.provider}-at-${this.issued}-${accountId}`,
      refreshToken,
      expiresAt: new Date(Date.now() + this.lifetimeMs),
      scopes: "fake.scope",
    };
  }

  /** Ends a grant the way an uninstall in the provider's UI would. */
  revokeAll() {
    this.live.clear();
  }

  isLive(refreshToken: string) {
    return this.live.has(refreshToken);
  }

  authorizeUrl(state: string) {
    return `http://fake-${this.provider}.test/authorize?state=${encodeURIComponent(state)}`;
  }

  async completeAuthorization(callback: URLSearchParams): Promise<AuthorizedAccount> {
    const accountId = callback.get("code")?.replace(/^code:/, "") ?? "";
    if (!(accountId in this.accounts)) throw new OAuthRequestError(this.provider, "bad code", 400);
    return { tokens: this.mint(accountId), account: { id: accountId, name: this.accounts[accountId]! } };
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    this.refreshCalls += 1;
    await this.refreshGate;
    const accountId = this.live.get(refreshToken);
    if (!accountId) throw new InvalidGrantError(this.provider, "Token invalid");
    this.live.delete(refreshToken);
    return this.mint(accountId);
  }

  async revoke(tokens: { refreshToken: string | null }) {
    if (this.failRevoke) throw new OAuthRequestError(this.provider, "revoke failed", 503);
    if (tokens.refreshToken) {
      this.revoked.push(tokens.refreshToken);
      this.live.delete(tokens.refreshToken);
    }
  }

  async accountInfo(_accessToken: string, accountId: string) {
    return { id: accountId, name: this.accounts[accountId] ?? null };
  }
}

export function fakeClients(hubspot: FakeOAuthProvider, quickbooks: FakeOAuthProvider): OAuthClients {
  return { hubspot: () => hubspot, quickbooks: () => quickbooks };
}
