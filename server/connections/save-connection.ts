import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { connections, orgs, type Provider } from "../db/schema";
import type { AuthorizedAccount } from "../providers/oauth";
import { AccountConflictError } from "./errors";
import { restartSyncsForNewAccount, restoreRecordsAfterReconnect } from "./record-effects";
import { sealToken } from "./sealed-tokens";

export interface SaveConnectionInput {
  orgId: string;
  userId: string;
  provider: Provider;
  /** The user confirmed that a different account may replace the connected one. */
  replaceExisting: boolean;
  authorized: AuthorizedAccount;
  now?: Date;
}

/**
 * Stores a completed authorization as the org's connection for the provider. Reconnecting the same
 * account restores it (and its records); a different account replaces a live connection only when
 * confirmed, and the syncs start afresh with an initial sync into it.
 */
export async function saveConnection(db: Database, input: SaveConnectionInput): Promise<{ connectionId: string }> {
  const { orgId, provider, authorized } = input;
  const now = input.now ?? new Date();
  const { tokens, account } = authorized;
  const values = {
    externalAccountId: account.id,
    accountName: account.name,
    status: "active" as const,
    accessTokenEncrypted: sealToken(tokens.accessToken, orgId, provider),
    refreshTokenEncrypted: sealToken(tokens.refreshToken, orgId, provider),
    accessTokenExpiresAt: tokens.expiresAt,
    scopes: tokens.scopes,
    lastError: null,
    connectedByUserId: input.userId,
    connectedAt: now,
    refreshedAt: now,
    updatedAt: now,
  };

  return db.transaction(async (tx) => {
    // Serializes saves per org, so two callbacks finishing at once can't both insert a first row.
    await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, orgId)).for("update");
    const [existing] = await tx
      .select()
      .from(connections)
      .where(and(eq(connections.orgId, orgId), eq(connections.provider, provider)))
      .for("update");

    if (!existing) {
      const [created] = await tx
        .insert(connections)
        .values({ orgId, provider, ...values })
        .returning({ id: connections.id });
      return { connectionId: created!.id };
    }

    const accountChanged = existing.externalAccountId !== account.id;
    if (accountChanged && existing.status !== "disconnected" && !input.replaceExisting) {
      throw new AccountConflictError(provider, { id: existing.externalAccountId, name: existing.accountName }, account);
    }
    await tx
      .update(connections)
      .set(accountChanged ? { ...values, reconcileCursors: {} } : values)
      .where(eq(connections.id, existing.id));
    if (accountChanged) await restartSyncsForNewAccount(tx, orgId);
    else await restoreRecordsAfterReconnect(tx, orgId, now);
    return { connectionId: existing.id };
  });
}
