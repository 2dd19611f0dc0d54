/**
 * What a connection's state means for the org's synced records. Every sync object (contacts,
 * products, invoices, payments) reads or writes both providers, so these apply to all of the
 * org's records.
 */
import { and, eq, isNotNull, ne } from "drizzle-orm";
import { reconcileRequested, recordChanged } from "../../inngest/events";
import type { Transaction } from "../db/client";
import { connections, recordLinks, type Provider } from "../db/schema";
import { sendEvents } from "../runtime";
import { CONNECTION_EXPIRED, PROVIDER_LABEL } from "./errors";

/** Records can't sync while a connection needs re-authorization: they fail with CONNECTION_EXPIRED. */
export async function failRecordsForExpiredConnection(tx: Transaction, orgId: string, provider: Provider, now: Date) {
  await tx
    .update(recordLinks)
    .set({
      state: "failed",
      errorCode: CONNECTION_EXPIRED,
      errorDetail: `${PROVIDER_LABEL[provider]} refused Tandem's access. Reconnect it on the Connections page.`,
      updatedAt: now,
    })
    .where(and(eq(recordLinks.orgId, orgId), ne(recordLinks.state, "excluded")));
}

/**
 * After a reconnect, records that failed only because a connection had expired recover — unless
 * the org's other connection still needs re-authorization. Records linked on both sides go back
 * to synced; the others are queued to sync again. A reconciliation pass then catches up with
 * whatever changed at either provider while Tandem had no access.
 */
export async function restoreRecordsAfterReconnect(tx: Transaction, orgId: string, now: Date) {
  const stillExpired = await tx.query.connections.findFirst({
    where: and(eq(connections.orgId, orgId), eq(connections.status, "needs_reauth")),
    columns: { id: true },
  });
  if (stillExpired) return;
  const expired = and(eq(recordLinks.orgId, orgId), eq(recordLinks.state, "failed"), eq(recordLinks.errorCode, CONNECTION_EXPIRED));
  const linkedBothSides = and(isNotNull(recordLinks.hubspotHash), isNotNull(recordLinks.quickbooksHash), isNotNull(recordLinks.hubspotId), isNotNull(recordLinks.quickbooksId));
  await tx.update(recordLinks).set({ state: "synced", errorCode: null, errorDetail: null, updatedAt: now }).where(and(expired, linkedBothSides));
  const unfinished = await tx
    .update(recordLinks)
    .set({ state: "pending", errorCode: null, errorDetail: null, updatedAt: now })
    .where(expired)
    .returning({ object: recordLinks.object, hubspotId: recordLinks.hubspotId, quickbooksId: recordLinks.quickbooksId });
  const retries = unfinished.map((link) =>
    link.quickbooksId
      ? recordChanged.create({ orgId, object: link.object, side: "quickbooks", recordId: link.quickbooksId })
      : recordChanged.create({ orgId, object: link.object, side: "hubspot", recordId: link.hubspotId! }),
  );
  await sendEvents([...retries, reconcileRequested.create({ orgId })], { tx });
}

/**
 * A different account replaced the connected one: the stored ids point into the old account and
 * would touch unrelated records in the new one, so the links (and their activity) are dropped.
 */
export async function forgetRecordLinks(tx: Transaction, orgId: string) {
  await tx.delete(recordLinks).where(eq(recordLinks.orgId, orgId));
}
