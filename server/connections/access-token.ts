/**
 * The access token the provider API clients use. Tokens are refreshed shortly before they expire,
 * one refresh at a time per connection: the refresh runs while holding the connection's row lock,
 * and whoever waited on the lock re-reads the row and uses the token just stored. The rotated
 * refresh token is written in that same transaction, so a racing refresh can never overwrite the
 * newest one with an older one.
 */
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "../db/client";
import { connections } from "../db/schema";
import { InvalidGrantError, type ProviderOAuth, type TokenSet } from "../providers/oauth";
import { resolveOptions, type ConnectionServiceOptions } from "./oauth-clients";
import { ConnectionExpiredError, ConnectionUnavailableError } from "./errors";
import { markConnectionExpired } from "./expire-connection";
import { openToken, sealToken } from "./sealed-tokens";

/** Refresh when the access token has less than this left, so a call never starts with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface AccessToken {
  accessToken: string;
  externalAccountId: string;
}

type ConnectionRow = typeof connections.$inferSelect;

/** A connection that may hand out tokens; anything else throws the matching typed error. */
function usable(row: ConnectionRow | undefined, connectionId: string): ConnectionRow {
  if (!row) throw new ConnectionUnavailableError(connectionId, "not_found");
  if (row.status === "disconnected") throw new ConnectionUnavailableError(connectionId, "disconnected");
  if (row.status === "needs_reauth" || !row.refreshTokenEncrypted) throw new ConnectionExpiredError(row.provider, row.id);
  return row;
}

function expiresSoon(row: ConnectionRow, now: Date): boolean {
  return !row.accessTokenEncrypted || !row.accessTokenExpiresAt || row.accessTokenExpiresAt.getTime() - now.getTime() <= REFRESH_MARGIN_MS;
}

function storedAccessToken(row: ConnectionRow): AccessToken {
  return { accessToken: openToken(row.accessTokenEncrypted!, row.orgId, row.provider), externalAccountId: row.externalAccountId };
}

/** A valid access token for the connection, refreshed first if it expires within five minutes. */
export async function getAccessToken(db: Database, connectionId: string, options?: ConnectionServiceOptions): Promise<AccessToken> {
  const { now } = resolveOptions(options);
  const row = usable(await db.query.connections.findFirst({ where: eq(connections.id, connectionId) }), connectionId);
  if (!expiresSoon(row, now())) return storedAccessToken(row);
  return refreshUnderLock(db, connectionId, (locked) => expiresSoon(locked, now()), options);
}

/**
 * The provider answered 401 to `rejectedAccessToken` before its expiry (revoked, or the provider
 * ended it early). Refreshes unless another caller already replaced that token, then returns the
 * current one. The caller retries its request once with it.
 */
export async function refreshAfterRejection(
  db: Database,
  connectionId: string,
  rejectedAccessToken: string,
  options?: ConnectionServiceOptions,
): Promise<AccessToken> {
  return refreshUnderLock(
    db,
    connectionId,
    (locked) => !locked.accessTokenEncrypted || storedAccessToken(locked).accessToken === rejectedAccessToken,
    options,
  );
}

type LockedOutcome = { kind: "token"; token: AccessToken } | { kind: "expired"; row: ConnectionRow };

async function refreshUnderLock(
  db: Database,
  connectionId: string,
  stillNeedsRefresh: (locked: ConnectionRow) => boolean,
  options?: ConnectionServiceOptions,
): Promise<AccessToken> {
  const { clients, now } = resolveOptions(options);
  let outcome: LockedOutcome;
  try {
    outcome = await db.transaction(async (tx): Promise<LockedOutcome> => {
      const [locked] = await tx.select().from(connections).where(eq(connections.id, connectionId)).for("update");
      const row = usable(locked, connectionId);
      // Whoever held the lock before us may have refreshed already.
      if (!stillNeedsRefresh(row)) return { kind: "token", token: storedAccessToken(row) };
      return refreshLocked(tx, row, clients[row.provider](), now());
    });
  } catch (error) {
    if (!(error instanceof ConnectionExpiredError || error instanceof ConnectionUnavailableError)) {
      await recordRefreshFailure(db, connectionId, error);
    }
    throw error;
  }
  if (outcome.kind === "expired") throw new ConnectionExpiredError(outcome.row.provider, outcome.row.id);
  return outcome.token;
}

async function refreshLocked(
  tx: Transaction,
  row: ConnectionRow,
  client: ProviderOAuth,
  now: Date,
): Promise<LockedOutcome> {
  let tokens: TokenSet;
  try {
    tokens = await client.refresh(openToken(row.refreshTokenEncrypted!, row.orgId, row.provider));
  } catch (error) {
    if (!(error instanceof InvalidGrantError)) throw error;
    // Committed with the transaction: the connection and its records now say "reconnect".
    await markConnectionExpired(tx, row, error.message, now);
    return { kind: "expired", row };
  }
  await tx
    .update(connections)
    .set({
      accessTokenEncrypted: sealToken(tokens.accessToken, row.orgId, row.provider),
      refreshTokenEncrypted: sealToken(tokens.refreshToken, row.orgId, row.provider),
      accessTokenExpiresAt: tokens.expiresAt,
      scopes: tokens.scopes ?? row.scopes,
      refreshedAt: now,
      lastError: null,
      updatedAt: now,
    })
    .where(eq(connections.id, row.id));
  return { kind: "token", token: { accessToken: tokens.accessToken, externalAccountId: row.externalAccountId } };
}

/** Keeps the reason a refresh failed (never a token) for the connection's health. */
async function recordRefreshFailure(db: Database, connectionId: string, error: unknown) {
  const message = error instanceof Error ? error.message : "Refreshing the access token failed";
  await db.update(connections).set({ lastError: message, updatedAt: new Date() }).where(eq(connections.id, connectionId));
}
