import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { connections, type Provider } from "../db/schema";
import type { StoredTokens } from "../providers/oauth";
import { NotConnectedError } from "./errors";
import { resolveOptions, type ConnectionServiceOptions } from "./oauth-clients";
import { suspendRecordsForConnection } from "./record-effects";
import { openToken } from "./sealed-tokens";

export interface DisconnectResult {
  /** False when there was something to revoke and the provider could not be told. */
  revoked: boolean;
}

/**
 * Disconnects the org's connection for a provider: the tokens are wiped here first (so nothing can
 * use them any more), then revoked at the provider. Revoking is best effort — a provider that is
 * down must not keep a user from disconnecting. Record links are kept, each showing that it waits
 * for the reconnect, so reconnecting the same account resumes where it left off. Throws NotConnectedError when nothing is connected, so a caller
 * is never told tokens were revoked that did not exist.
 */
export async function disconnect(
  db: Database,
  orgId: string,
  provider: Provider,
  options?: ConnectionServiceOptions,
): Promise<DisconnectResult> {
  const { clients, now } = resolveOptions(options);
  const tokens = await db.transaction(async (tx): Promise<StoredTokens> => {
    const [row] = await tx
      .select()
      .from(connections)
      .where(and(eq(connections.orgId, orgId), eq(connections.provider, provider)))
      .for("update");
    if (!row || row.status === "disconnected") throw new NotConnectedError(provider);
    await tx
      .update(connections)
      .set({
        status: "disconnected",
        accessTokenEncrypted: null,
        refreshTokenEncrypted: null,
        accessTokenExpiresAt: null,
        lastError: null,
        updatedAt: now(),
      })
      .where(eq(connections.id, row.id));
    await suspendRecordsForConnection(tx, orgId, provider, now(), "disconnected");
    return {
      accessToken: row.accessTokenEncrypted ? openToken(row.accessTokenEncrypted, orgId, provider) : null,
      refreshToken: row.refreshTokenEncrypted ? openToken(row.refreshTokenEncrypted, orgId, provider) : null,
    };
  });
  if (!tokens.accessToken && !tokens.refreshToken) return { revoked: true };
  try {
    await clients[provider]().revoke(tokens);
    return { revoked: true };
  } catch (error) {
    console.warn(`Revoking the ${provider} tokens of org ${orgId} failed:`, error instanceof Error ? error.message : error);
    return { revoked: false };
  }
}
