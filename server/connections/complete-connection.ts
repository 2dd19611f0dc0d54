import type { Database } from "../db/client";
import type { Provider } from "../db/schema";
import { OAuthRequestError, ProviderNotConfiguredError } from "../providers/oauth";
import { AccountConflictError, OAuthStateError } from "./errors";
import { resolveOptions, type ConnectionServiceOptions } from "./oauth-clients";
import { consumeOAuthState } from "./oauth-state";
import { saveConnection } from "./save-connection";

/** Why a callback did not produce a connection; the Connections page explains each one. */
export type ConnectErrorCode =
  | "access_denied"
  | "invalid_state"
  | "state_expired"
  | "exchange_failed"
  | "account_mismatch"
  | "not_configured";

/** `returnTo`: where the attempt asked to go back to, once its state was found. */
export type CompleteConnectionResult = { ok: true; connectionId: string; returnTo: string | null } | { ok: false; code: ConnectErrorCode; returnTo: string | null };

/**
 * Handles a provider's redirect back to Tandem: the state must be one this user started for this
 * provider (it is used up either way), then the code is exchanged, the account identified and the
 * connection stored.
 */
export async function completeConnection(
  db: Database,
  input: { provider: Provider; userId: string; params: URLSearchParams },
  options?: ConnectionServiceOptions,
): Promise<CompleteConnectionResult> {
  const { clients, now } = resolveOptions(options);
  const { provider, userId, params } = input;
  let returnTo: string | null = null;
  try {
    const state = await consumeOAuthState(db, { state: params.get("state"), userId, provider, now: now() });
    returnTo = state.returnTo;
    // The user declined at the provider; the state is spent, nothing else changes.
    if (params.get("error")) return { ok: false, code: "access_denied", returnTo };
    const authorized = await clients[provider]().completeAuthorization(params);
    const { connectionId } = await saveConnection(db, {
      orgId: state.orgId,
      userId,
      provider,
      replaceExisting: state.replaceExisting,
      authorized,
      now: now(),
    });
    return { ok: true, connectionId, returnTo };
  } catch (error) {
    if (error instanceof OAuthStateError) return { ok: false, code: error.problem, returnTo };
    if (error instanceof AccountConflictError) return { ok: false, code: "account_mismatch", returnTo };
    if (error instanceof ProviderNotConfiguredError) return { ok: false, code: "not_configured", returnTo };
    if (error instanceof OAuthRequestError) {
      console.warn(`Completing the ${provider} connection failed:`, error.message);
      return { ok: false, code: "exchange_failed", returnTo };
    }
    throw error;
  }
}
