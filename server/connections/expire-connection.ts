import { eq } from "drizzle-orm";
import type { Transaction } from "../db/client";
import { connections, type Provider } from "../db/schema";
import { suspendRecordsForConnection } from "./record-effects";

/**
 * The provider refused the refresh token for good: the connection needs re-authorization. Its dead
 * tokens are wiped, and the org's records fail with CONNECTION_EXPIRED until it is reconnected.
 */
export async function markConnectionExpired(
  tx: Transaction,
  connection: { id: string; orgId: string; provider: Provider },
  reason: string,
  now: Date,
) {
  await tx
    .update(connections)
    .set({
      status: "needs_reauth",
      lastError: reason,
      accessTokenEncrypted: null,
      refreshTokenEncrypted: null,
      accessTokenExpiresAt: null,
      updatedAt: now,
    })
    .where(eq(connections.id, connection.id));
  await suspendRecordsForConnection(tx, connection.orgId, connection.provider, now, "expired");
}
