import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { connections, provider as providerEnum, type ConnectionStatus, type Provider } from "../db/schema";
import type { ProviderAccount } from "../providers/oauth";

export const PROVIDERS: readonly Provider[] = providerEnum.enumValues;

export type ConnectionHealth = ConnectionStatus | "not_connected";

/** What the Connections page and the API show about one provider's connection; never a token. */
export interface ConnectionSummary {
  provider: Provider;
  status: ConnectionHealth;
  connectionId: string | null;
  account: ProviderAccount | null;
  connectedAt: Date | null;
  refreshedAt: Date | null;
  accessTokenExpiresAt: Date | null;
  lastError: string | null;
  scopes: string | null;
}

type ConnectionRow = typeof connections.$inferSelect;

export function summarize(provider: Provider, row: ConnectionRow | undefined): ConnectionSummary {
  if (!row) {
    return {
      provider,
      status: "not_connected",
      connectionId: null,
      account: null,
      connectedAt: null,
      refreshedAt: null,
      accessTokenExpiresAt: null,
      lastError: null,
      scopes: null,
    };
  }
  return {
    provider,
    status: row.status,
    connectionId: row.id,
    account: { id: row.externalAccountId, name: row.accountName },
    connectedAt: row.connectedAt,
    refreshedAt: row.refreshedAt,
    accessTokenExpiresAt: row.accessTokenExpiresAt,
    lastError: row.lastError,
    scopes: row.scopes,
  };
}

/** Both providers for the org, in a fixed order, whether connected or not. */
export async function listConnections(db: Database, orgId: string): Promise<ConnectionSummary[]> {
  const rows = await db.query.connections.findMany({ where: eq(connections.orgId, orgId) });
  return PROVIDERS.map((provider) => summarize(provider, rows.find((r) => r.provider === provider)));
}

export async function getConnectionSummary(db: Database, orgId: string, provider: Provider): Promise<ConnectionSummary> {
  return (await listConnections(db, orgId)).find((c) => c.provider === provider)!;
}
