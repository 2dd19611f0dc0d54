import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { connections, type Provider } from "../db/schema";
import { OAuthRequestError, type ProviderAccount } from "../providers/oauth";
import { getAccessToken, refreshAfterRejection } from "./access-token";
import { ConnectionExpiredError } from "./errors";
import { getConnectionSummary, type ConnectionSummary } from "./list-connections";
import { resolveOptions, type ConnectionServiceOptions } from "./oauth-clients";

/** Answers meaning the provider no longer accepts the access token. */
const REJECTED = new Set([401, 403, 404]);

/**
 * Checks an active connection against the provider: gets a valid token (refreshing if due), reads
 * the account with it (retrying once after a refresh if it is rejected) and keeps the account name
 * current. A refused refresh marks the connection as needing reconnect. Returns the health after.
 */
export async function checkConnectionHealth(
  db: Database,
  orgId: string,
  provider: Provider,
  options?: ConnectionServiceOptions,
): Promise<ConnectionSummary> {
  const { clients, now } = resolveOptions(options);
  const before = await getConnectionSummary(db, orgId, provider);
  if (before.status !== "active" || !before.connectionId) return before;
  const connectionId = before.connectionId;
  const client = clients[provider]();

  let account: ProviderAccount | undefined;
  let problem: string | null = null;
  try {
    const { accessToken, externalAccountId } = await getAccessToken(db, connectionId, options);
    try {
      account = await client.accountInfo(accessToken, externalAccountId);
    } catch (error) {
      if (!(error instanceof OAuthRequestError && error.status !== undefined && REJECTED.has(error.status))) throw error;
      const retried = await refreshAfterRejection(db, connectionId, accessToken, options);
      account = await client.accountInfo(retried.accessToken, externalAccountId);
    }
  } catch (error) {
    if (error instanceof ConnectionExpiredError) return getConnectionSummary(db, orgId, provider);
    if (!(error instanceof OAuthRequestError)) throw error;
    problem = error.message;
  }
  await db
    .update(connections)
    .set(account ? { accountName: account.name ?? before.account?.name ?? null, lastError: null, updatedAt: now() } : { lastError: problem, updatedAt: now() })
    .where(and(eq(connections.id, connectionId), eq(connections.status, "active")));
  return getConnectionSummary(db, orgId, provider);
}
