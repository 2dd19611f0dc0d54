import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { recordChanged, recordResyncRequested } from "../../inngest/events";
import type { Database, Queryable } from "../db/client";
import { parkedChanges, type SyncObject } from "../db/schema";
import { sendEvents } from "../runtime";
import { seenVersion } from "./engine/apply";
import { initialSyncRunning } from "./engine/initial-sync-run";
import { linksByRecordId } from "./links";
import type { RecordChange } from "./sync-record";

/** Parked changes resumed per transaction. */
const PAGE_SIZE = 500;

/** Rows per insert (PostgreSQL takes at most 65,535 parameters a statement). */
const INSERT_CHUNK = 1_000;

const rowOf = (change: RecordChange) => ({
  orgId: change.orgId,
  object: change.object,
  side: change.side,
  recordId: change.recordId,
  version: change.version ?? null,
  force: Boolean(change.force),
});

/**
 * Parks a change that found its object's initial sync running and answers whether it stays parked:
 * not if the initial sync ended meanwhile (the caller syncs the change itself). Stored before the
 * second look, so a change is resumed after an initial sync or synced now, never neither.
 */
export async function parkChange(db: Database, change: RecordChange): Promise<boolean> {
  const [parked] = await db.insert(parkedChanges).values(rowOf(change)).onConflictDoNothing().returning({ id: parkedChanges.id });
  if (await initialSyncRunning(db, change.orgId, change.object)) return true;
  if (parked) await db.delete(parkedChanges).where(eq(parkedChanges.id, parked.id));
  return false;
}

/**
 * Parks the changes the poll or reconciliation found for objects whose initial sync is running (a
 * pass during an initial sync finds every record changed before its page came, which that page
 * then syncs) and answers the others, to sync now. Parked changes of an initial sync that ended
 * meanwhile are resumed here, as the initial sync did before they were stored.
 */
export async function parkDuringInitialSyncs(db: Database, orgId: string, changes: RecordChange[]): Promise<RecordChange[]> {
  const running = new Set<SyncObject>();
  for (const object of new Set(changes.map((change) => change.object))) if (await initialSyncRunning(db, orgId, object)) running.add(object);
  const parked = changes.filter((change) => running.has(change.object));
  if (parked.length === 0) return changes;
  for (let i = 0; i < parked.length; i += INSERT_CHUNK) await db.insert(parkedChanges).values(parked.slice(i, i + INSERT_CHUNK).map(rowOf)).onConflictDoNothing();
  await resumeParkedChanges(db, orgId);
  return changes.filter((change) => !running.has(change.object));
}

type ParkedChange = typeof parkedChanges.$inferSelect;

const SYNC_TOKEN = /^\d+$/;

/**
 * Whether a record at version `seen` is at least as new as at `noticed`: versions of one record
 * only grow (QuickBooks' SyncToken counts up, HubSpot's is its last-modified time).
 */
function seenSince(noticed: string, seen: string): boolean {
  if (SYNC_TOKEN.test(noticed) && SYNC_TOKEN.test(seen)) return Number(noticed) <= Number(seen);
  const [noticedAt, seenAt] = [Date.parse(noticed), Date.parse(seen)];
  return Number.isNaN(noticedAt) || Number.isNaN(seenAt) ? noticed === seen : noticedAt <= seenAt;
}

/**
 * The parked changes that still need a run, one per record and side: the initial sync synced the
 * others at the version they were noticed at or a later one (a change it read itself, as the poll
 * saw it while its page was still to come).
 */
async function stillNeeded(db: Queryable, orgId: string, object: SyncObject, rows: ParkedChange[]): Promise<ParkedChange[]> {
  const needed = new Map<string, ParkedChange>();
  for (const side of ["hubspot", "quickbooks"] as const) {
    const ofSide = rows.filter((row) => row.side === side);
    if (ofSide.length === 0) continue;
    const linkOf = await linksByRecordId(db, orgId, object, side, ofSide.map((row) => row.recordId));
    for (const row of ofSide) {
      const link = linkOf.get(row.recordId);
      const synced = link?.state === "synced" && Boolean(link.hubspotId && link.quickbooksId);
      const seen = seenVersion(link, side);
      if (!row.force && row.version !== null && synced && seen !== null && seenSince(row.version, seen)) continue;
      const key = `${side}:${row.recordId}:${row.force}`;
      if (!needed.has(key)) needed.set(key, row);
    }
  }
  return [...needed.values()];
}

/**
 * Resumes the changes parked for the org's objects whose initial sync is over (an invoice sync's
 * payments included): each still needed becomes a run again, with the event id of its row, so a
 * resume repeated after a crash starts nothing twice. Answers how many runs it started.
 */
export async function resumeParkedChanges(db: Database, orgId: string): Promise<number> {
  const objects = (await db.selectDistinct({ object: parkedChanges.object }).from(parkedChanges).where(eq(parkedChanges.orgId, orgId))).map((row) => row.object);
  let started = 0;
  for (const parkedObject of objects) {
    if (await initialSyncRunning(db, orgId, parkedObject)) continue;
    for (let after: string | null = null; ; ) {
      const cursor: string | null = after;
      const { page, sent } = await db.transaction(async (tx): Promise<{ page: ParkedChange[]; sent: number }> => {
        const page = await tx
          .select()
          .from(parkedChanges)
          .where(and(eq(parkedChanges.orgId, orgId), eq(parkedChanges.object, parkedObject), cursor ? gt(parkedChanges.id, cursor) : undefined))
          .orderBy(asc(parkedChanges.id))
          .limit(PAGE_SIZE)
          .for("update", { skipLocked: true });
        const needed = await stillNeeded(tx, orgId, parkedObject, page);
        await sendEvents(
          needed.map((row) => {
            const data = { orgId, object: parkedObject, side: row.side, recordId: row.recordId };
            return row.force ? recordResyncRequested.create(data, { id: `parked:${row.id}` }) : recordChanged.create(data, { id: `parked:${row.id}` });
          }),
          { tx },
        );
        if (page.length) await tx.delete(parkedChanges).where(inArray(parkedChanges.id, page.map((row) => row.id)));
        return { page, sent: needed.length };
      });
      started += sent;
      if (page.length < PAGE_SIZE) break;
      after = page.at(-1)!.id;
    }
  }
  return started;
}
