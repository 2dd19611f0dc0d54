import type { Database } from "../db/client";
import type { Provider } from "../db/schema";
import { AccountConflictError } from "./errors";
import { getConnectionSummary } from "./list-connections";
import { resolveOptions, type ConnectionServiceOptions } from "./oauth-clients";
import { createOAuthState } from "./oauth-state";

export interface StartConnectionInput {
  orgId: string;
  userId: string;
  provider: Provider;
  /** The user confirmed replacing the connected account with whichever they pick at the provider. */
  replace: boolean;
  /** Where the callback sends the browser afterwards (a same-origin path, checked by the caller with isSafeReturnTo); the Connections page if unset. */
  returnTo?: string;
}

/**
 * The provider's authorize URL for a new attempt. With an active connection, connecting again could
 * pick another account, so it needs `replace` (the UI asks first). Reconnecting an expired
 * connection doesn't; the callback then accepts only the same account.
 */
export async function startConnection(
  db: Database,
  input: StartConnectionInput,
  options?: ConnectionServiceOptions,
): Promise<{ url: string }> {
  const { clients, now } = resolveOptions(options);
  const current = await getConnectionSummary(db, input.orgId, input.provider);
  if (current.status === "active" && current.account && !input.replace) {
    throw new AccountConflictError(input.provider, current.account);
  }
  const client = clients[input.provider]();
  const state = await createOAuthState(db, {
    orgId: input.orgId,
    userId: input.userId,
    provider: input.provider,
    replaceExisting: input.replace,
    returnTo: input.returnTo,
    now: now(),
  });
  return { url: client.authorizeUrl(state) };
}
