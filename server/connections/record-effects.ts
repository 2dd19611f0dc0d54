/**
 * What a connection's state means for the org's synced records. Every sync object (contacts,
 * products, invoices, payments) reads or writes both providers, so these apply to all of the
 * org's records.
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { initialSyncRequested, reconcileRequested, recordChanged } from "../../inngest/events";
import type { Transaction } from "../db/client";
import { connections, recordLinks, syncConfigs, type Provider } from "../db/schema";
import { sendEvents } from "../runtime";
import { CONNECTION_EXPIRED, PROVIDER_LABEL } from "./errors";

const SUSPENDED_BECAUSE = {
  expired: (provider: Provider) => `${PROVIDER_LABEL[provider]} refused Tandem's access. Reconnect it on the Connections page.`,
  disconnected: (provider: Provider) => `${PROVIDER_LABEL[provider]} was disconnected, so nothing syncs. Reconnect it on the Connections page.`,
};

/**
 * Records can't sync while a connection needs re-authorization or was disconnected: they fail with
 * CONNECTION_EXPIRED, and keep what they showed before (a failure of their own included) for the
 * reconnect to restore.
 */
export async function suspendRecordsForConnection(tx: Transaction, orgId: string, provider: Provider, now: Date, because: keyof typeof SUSPENDED_BECAUSE) {
  await tx
    .update(recordLinks)
    .set({
      suspended: sql`coalesce(${recordLinks.suspended}, jsonb_build_object('state', ${recordLinks.state}, 'errorCode', ${recordLinks.errorCode}, 'errorDetail', ${recordLinks.errorDetail}))`,
      state: "failed",
      errorCode: CONNECTION_EXPIRED,
      errorDetail: SUSPENDED_BECAUSE[because](provider),
      updatedAt: now,
    })
    .where(and(eq(recordLinks.orgId, orgId), ne(recordLinks.state, "excluded")));
}

/**
 * After a reconnect, records that failed only because a connection had expired or was disconnected
 * get back what they showed before — unless the org's other connection still needs
 * re-authorization or is disconnected. Records that
 * were waiting to sync are queued again; a reconciliation pass then catches up with whatever
 * changed at either provider while Tandem had no access.
 */
export async function restoreRecordsAfterReconnect(tx: Transaction, orgId: string, now: Date) {
  const otherStillOut = await tx.query.connections.findFirst({
    where: and(eq(connections.orgId, orgId), inArray(connections.status, ["needs_reauth", "disconnected"])),
    columns: { id: true },
  });
  if (otherStillOut) return;
  const restored = await tx
    .update(recordLinks)
    .set({
      state: sql`coalesce((${recordLinks.suspended}->>'state')::record_state, 'pending')`,
      errorCode: sql`${recordLinks.suspended}->>'errorCode'`,
      errorDetail: sql`${recordLinks.suspended}->>'errorDetail'`,
      suspended: null,
      updatedAt: now,
    })
    .where(and(eq(recordLinks.orgId, orgId), eq(recordLinks.state, "failed"), eq(recordLinks.errorCode, CONNECTION_EXPIRED)))
    .returning({ state: recordLinks.state, object: recordLinks.object, hubspotId: recordLinks.hubspotId, quickbooksId: recordLinks.quickbooksId });
  const retries = restored
    .filter((link) => link.state === "pending")
    .map((link) =>
      link.quickbooksId
        ? recordChanged.create({ orgId, object: link.object, side: "quickbooks", recordId: link.quickbooksId })
        : recordChanged.create({ orgId, object: link.object, side: "hubspot", recordId: link.hubspotId! }),
    );
  await sendEvents([...retries, reconcileRequested.create({ orgId })], { tx });
}

/**
 * A different account replaced the connected one: the stored ids point into the old account and
 * would touch unrelated records in the new one, so the links (and their activity) are dropped and
 * every sync that is on starts over with an initial sync into the new account (which first
 * creates Tandem's own properties there).
 */
export async function restartSyncsForNewAccount(tx: Transaction, orgId: string) {
  await tx.delete(recordLinks).where(eq(recordLinks.orgId, orgId));
  // The old account's finished run is over: until the new one begins, the sync is waiting for it.
  const enabled = await tx
    .update(syncConfigs)
    .set({ initialSyncProgress: null })
    .where(and(eq(syncConfigs.orgId, orgId), eq(syncConfigs.enabled, true)))
    .returning({ object: syncConfigs.object });
  await sendEvents(
    enabled.map(({ object }) => initialSyncRequested.create({ orgId, object })),
    { tx },
  );
}
