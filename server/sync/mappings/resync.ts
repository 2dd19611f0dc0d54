import { and, asc, count, eq, gt, isNotNull, isNull, ne, or } from "drizzle-orm";
import { recordResyncRequested } from "../../../inngest/events";
import type { Database, Queryable } from "../../db/client";
import { recordLinks, type SyncObject } from "../../db/schema";
import { sendEvents } from "../../runtime";
import { batchOf, type QueuedBatch } from "../status/queue";

const PAGE_SIZE = 500;

/**
 * The records a resync re-applies: every top-level link of the object (invoice lines and payment
 * applications follow their parent) except excluded ones, which mappings don't bring back.
 */
function resyncable(orgId: string, object: SyncObject) {
  return and(
    eq(recordLinks.orgId, orgId),
    eq(recordLinks.object, object),
    isNull(recordLinks.parentLinkId),
    ne(recordLinks.state, "excluded"),
    or(isNotNull(recordLinks.quickbooksId), isNotNull(recordLinks.hubspotId)),
  );
}

/** How many records a resync of the object would queue. */
export async function countResyncable(db: Queryable, orgId: string, object: SyncObject): Promise<number> {
  const [row] = await db.select({ n: count() }).from(recordLinks).where(resyncable(orgId, object));
  return row?.n ?? 0;
}

/**
 * Queues every resyncable record of the object to be synced again even if it looks unchanged
 * (`force`), read from the QuickBooks side where the record has one. Pages through the links by
 * id so a large account is never held in memory; the events commit (or not) with the transaction,
 * and so does the batch the UI follows them by.
 */
export async function queueResync(db: Database, orgId: string, object: SyncObject): Promise<QueuedBatch> {
  return db.transaction(async (tx) => {
    const queuedAt = new Date();
    const linkIds: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await tx
        .select({ id: recordLinks.id, hubspotId: recordLinks.hubspotId, quickbooksId: recordLinks.quickbooksId })
        .from(recordLinks)
        .where(and(resyncable(orgId, object), after ? gt(recordLinks.id, after) : undefined))
        .orderBy(asc(recordLinks.id))
        .limit(PAGE_SIZE);
      const events = page.map((link) =>
        link.quickbooksId
          ? recordResyncRequested.create({ orgId, object, side: "quickbooks", recordId: link.quickbooksId })
          : recordResyncRequested.create({ orgId, object, side: "hubspot", recordId: link.hubspotId! }),
      );
      await sendEvents(events, { tx });
      linkIds.push(...page.map((link) => link.id));
      if (page.length < PAGE_SIZE) return batchOf(tx, orgId, linkIds, queuedAt);
      after = page.at(-1)!.id;
    }
  });
}
