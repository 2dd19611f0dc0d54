import { and, asc, eq, gt, isNull, or, type SQL } from "drizzle-orm";
import { recordChanged, recordResyncRequested } from "../../../inngest/events";
import type { Database, Queryable } from "../../db/client";
import { recordLinks, type SyncObject } from "../../db/schema";
import { sendEvents } from "../../runtime";
import { loadSyncConfig } from "../config";
import type { Side } from "../links";
import { storeBatch } from "./batches";
import { ownRecords } from "./own-records";

type QueueableLink = Pick<typeof recordLinks.$inferSelect, "id" | "object" | "origin" | "hubspotId" | "quickbooksId" | "updatedAt">;

/** Two clicks within this window on an unchanged record queue one run (the event ids are equal). */
const DOUBLE_CLICK_WINDOW_MS = 60_000;

const idOn = (link: QueueableLink, side: Side) => (side === "hubspot" ? link.hubspotId : link.quickbooksId);

/**
 * The side a retry reads the record from: its origin. The link was made from that side, so it
 * always has an id there (a failed create has none on the other), and a failure is a write to the
 * other side that didn't happen. The engine reads the counterpart too and merges, so whatever
 * changed on the other side since is not lost by starting from the origin.
 */
export function retrySide(link: QueueableLink): Side | null {
  if (idOn(link, link.origin)) return link.origin;
  const other: Side = link.origin === "hubspot" ? "quickbooks" : "hubspot";
  return idOn(link, other) ? other : null;
}

/**
 * The side a resync re-applies from: the side that sends in a one-way sync (its values are the
 * truth the receiving side is re-aligned to), the origin in a two-way sync; the other side when
 * the record has no id there yet.
 */
export function resyncSide(link: QueueableLink, direction: "two_way" | "to_quickbooks" | "to_hubspot"): Side | null {
  const preferred: Side = direction === "to_hubspot" ? "quickbooks" : direction === "to_quickbooks" ? "hubspot" : link.origin;
  if (idOn(link, preferred)) return preferred;
  const other: Side = preferred === "hubspot" ? "quickbooks" : "hubspot";
  return idOn(link, other) ? other : null;
}

/** An event id equal for repeated requests about the same unchanged record within the window. */
function eventId(kind: "retry" | "resync", link: QueueableLink, now: number): string {
  return `tandem-${kind}:${link.id}:${link.updatedAt.getTime()}:${Math.floor(now / DOUBLE_CLICK_WINDOW_MS)}`;
}

function eventFor(kind: "retry" | "resync", orgId: string, link: QueueableLink, side: Side, now: number) {
  const event = kind === "resync" ? recordResyncRequested : recordChanged;
  return event.create({ orgId, object: link.object, side, recordId: idOn(link, side)! }, { id: eventId(kind, link, now) });
}

export interface Queued {
  side: Side;
  recordId: string;
}

/** Re-queues one failed record; null when it has no id to read from. */
export async function queueRetry(db: Queryable, orgId: string, link: QueueableLink): Promise<Queued | null> {
  const side = retrySide(link);
  if (!side) return null;
  await sendEvents(eventFor("retry", orgId, link, side, Date.now()), { tx: db });
  return { side, recordId: idOn(link, side)! };
}

/** Queues one record to be read on both sides and re-applied even if it looks unchanged. */
export async function queueResync(db: Queryable, orgId: string, link: QueueableLink): Promise<Queued | null> {
  const config = await loadSyncConfig(db, orgId, link.object);
  const side = resyncSide(link, config.direction);
  if (!side) return null;
  await sendEvents(eventFor("resync", orgId, link, side, Date.now()), { tx: db });
  return { side, recordId: idOn(link, side)! };
}

const PAGE_SIZE = 500;

export interface QueuedBatch {
  queued: number;
  /** The batch to follow with `sync.batchOutcome`; null when nothing was queued. */
  batchId: string | null;
  queuedAt: Date;
}

/** The answer to a request that queued these records: their count and the batch that follows them. */
export async function batchOf(db: Queryable, orgId: string, linkIds: string[], queuedAt: Date): Promise<QueuedBatch> {
  return { queued: linkIds.length, batchId: linkIds.length > 0 ? await storeBatch(db, orgId, linkIds, queuedAt) : null, queuedAt };
}

function failedWith(orgId: string, errorCode: string, object?: SyncObject): SQL | undefined {
  return and(
    eq(recordLinks.orgId, orgId),
    ownRecords(),
    eq(recordLinks.state, "failed"),
    // A failure stored without a code reads as "Rejected by the provider" in the overview.
    errorCode === "VALIDATION_FAILED" ? or(eq(recordLinks.errorCode, errorCode), isNull(recordLinks.errorCode)) : eq(recordLinks.errorCode, errorCode),
    object ? eq(recordLinks.object, object) : undefined,
  );
}

/**
 * Re-queues every failed record with the error code (of one object, or of all), paging through
 * them by id so a large account is never held in memory; the events are written with `tx`.
 * Returns the links queued.
 */
export async function queueFailed(tx: Queryable, orgId: string, errorCode: string, object: SyncObject | undefined, now: number): Promise<string[]> {
  const linkIds: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: QueueableLink[] = await tx
      .select({
        id: recordLinks.id,
        object: recordLinks.object,
        origin: recordLinks.origin,
        hubspotId: recordLinks.hubspotId,
        quickbooksId: recordLinks.quickbooksId,
        updatedAt: recordLinks.updatedAt,
      })
      .from(recordLinks)
      .where(and(failedWith(orgId, errorCode, object), after ? gt(recordLinks.id, after) : undefined))
      .orderBy(asc(recordLinks.id))
      .limit(PAGE_SIZE);
    const events = [];
    for (const link of page) {
      const side = retrySide(link);
      if (!side) continue;
      events.push(eventFor("retry", orgId, link, side, now));
      linkIds.push(link.id);
    }
    await sendEvents(events, { tx });
    if (page.length < PAGE_SIZE) return linkIds;
    after = page.at(-1)!.id;
  }
}

/**
 * Re-queues every failed record with the error code in one transaction (the events are written
 * with it, all or none), stored as a batch (none when nothing was queued) for the UI to follow.
 */
export async function queueRetryAll(db: Database, orgId: string, errorCode: string, object?: SyncObject): Promise<QueuedBatch> {
  return db.transaction(async (tx) => {
    const queuedAt = new Date();
    return batchOf(tx, orgId, await queueFailed(tx, orgId, errorCode, object, queuedAt.getTime()), queuedAt);
  });
}
