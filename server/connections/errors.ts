import type { Provider } from "../db/schema";
import type { ProviderAccount } from "../providers/oauth";

/** The record error code for records that can't sync until a connection is re-authorized. */
export const CONNECTION_EXPIRED = "CONNECTION_EXPIRED";

export const PROVIDER_LABEL: Record<Provider, string> = { hubspot: "HubSpot", quickbooks: "QuickBooks Online" };

/**
 * The provider refused the connection's refresh token (revoked, uninstalled, expired): the
 * connection needs a person to reconnect it. Not retryable.
 */
export class ConnectionExpiredError extends Error {
  readonly code = CONNECTION_EXPIRED;
  constructor(
    readonly provider: Provider,
    readonly connectionId: string,
  ) {
    super(`The ${PROVIDER_LABEL[provider]} connection has expired; reconnect it on the Connections page.`);
    this.name = "ConnectionExpiredError";
  }
}

/** The connection was disconnected (or never existed): there is no token to hand out. */
export class ConnectionUnavailableError extends Error {
  constructor(
    readonly connectionId: string,
    readonly reason: "not_found" | "disconnected",
  ) {
    super(reason === "not_found" ? "No such connection." : "The connection is disconnected.");
    this.name = "ConnectionUnavailableError";
  }
}

/** Disconnecting a provider that has no live connection: there is nothing to disconnect or revoke. */
export class NotConnectedError extends Error {
  constructor(readonly provider: Provider) {
    super(`${PROVIDER_LABEL[provider]} is not connected.`);
    this.name = "NotConnectedError";
  }
}

export type OAuthStateProblem = "invalid_state" | "state_expired";

/** An OAuth `state` that is unknown, already used, another user's, another provider's, or expired. */
export class OAuthStateError extends Error {
  constructor(readonly problem: OAuthStateProblem) {
    super(problem === "state_expired" ? "The connection attempt expired; start again." : "The connection attempt could not be verified; start again.");
    this.name = "OAuthStateError";
  }
}

/**
 * Another account is connected for this provider and replacing it was not confirmed. Carries the
 * current account (and the one offered, when known) so the UI can ask for confirmation.
 */
export class AccountConflictError extends Error {
  constructor(
    readonly provider: Provider,
    readonly currentAccount: ProviderAccount,
    readonly offeredAccount?: ProviderAccount,
  ) {
    super(
      `${PROVIDER_LABEL[provider]} account ${currentAccount.name ?? currentAccount.id} is already connected. Replacing it forgets which records are synced with it, ` +
        `sets Tandem up in the new account and runs the initial sync of every sync that is on into it; confirm to replace it.`,
    );
    this.name = "AccountConflictError";
  }

  /** What the client may see (see `clientDetails` in server/api/trpc.ts). */
  get clientDetails() {
    return { provider: this.provider, currentAccount: this.currentAccount, offeredAccount: this.offeredAccount ?? null };
  }
}
