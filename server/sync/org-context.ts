import { and, eq } from "drizzle-orm";
import { getAccessToken, refreshAfterRejection } from "../connections/access-token";
import { ConnectionExpiredError } from "../connections/errors";
import type { Database } from "../db/client";
import { connections, type Provider } from "../db/schema";
import { HubSpotClient } from "../providers/hubspot/client";
import { hubspotEndpoints } from "../providers/hubspot/endpoints";
import { QuickBooksClient } from "../providers/quickbooks/client";
import { quickbooksEndpoints } from "../providers/quickbooks/endpoints";
import type { FetchLike, RetryPolicy } from "../providers/retrying-fetch";
import type { TokenSource } from "../providers/token-source";
import type { SyncContext } from "./context";
import { SyncError } from "./errors";

export interface ProviderTransport {
  fetch?: FetchLike;
  retryPolicy?: RetryPolicy;
}

function tokenSource(db: Database, connectionId: string): TokenSource {
  return {
    current: async () => (await getAccessToken(db, connectionId)).accessToken,
    afterRejection: async (rejected) => (await refreshAfterRejection(db, connectionId, rejected)).accessToken,
  };
}

async function connectionOf(db: Database, orgId: string, provider: Provider) {
  const row = await db.query.connections.findFirst({ where: and(eq(connections.orgId, orgId), eq(connections.provider, provider)) });
  if (!row || row.status === "disconnected") {
    throw new SyncError("CONNECTION_EXPIRED", `${provider === "hubspot" ? "HubSpot" : "QuickBooks Online"} is not connected.`);
  }
  if (row.status === "needs_reauth") throw new ConnectionExpiredError(provider, row.id);
  return row;
}

/** API clients for both of the org's connections; fails with CONNECTION_EXPIRED when one is missing. */
export async function createSyncContext(db: Database, orgId: string, transport: ProviderTransport = {}, runId?: string): Promise<SyncContext> {
  const [hubspot, quickbooks] = await Promise.all([connectionOf(db, orgId, "hubspot"), connectionOf(db, orgId, "quickbooks")]);
  return {
    db,
    orgId,
    runId,
    hubspot: new HubSpotClient({
      baseUrl: hubspotEndpoints().apiBaseUrl,
      connectionId: hubspot.id,
      tokens: tokenSource(db, hubspot.id),
      ...transport,
    }),
    quickbooks: new QuickBooksClient({
      apiBaseUrl: quickbooksEndpoints().apiBaseUrl,
      realmId: quickbooks.externalAccountId,
      connectionId: quickbooks.id,
      tokens: tokenSource(db, quickbooks.id),
      ...transport,
    }),
  };
}
