import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { connections } from "../../db/schema";
import type { ConnectedAccounts } from "./record-urls";

/** The HubSpot portal and QuickBooks company the org is (or was last) connected to. */
export async function connectedAccounts(db: Queryable, orgId: string): Promise<ConnectedAccounts> {
  const rows = await db
    .select({ provider: connections.provider, externalAccountId: connections.externalAccountId })
    .from(connections)
    .where(eq(connections.orgId, orgId));
  return {
    hubspotPortalId: rows.find((r) => r.provider === "hubspot")?.externalAccountId ?? null,
    quickbooksRealmId: rows.find((r) => r.provider === "quickbooks")?.externalAccountId ?? null,
  };
}
