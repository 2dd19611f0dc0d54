import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { connections, recordLinks, syncConfigs } from "../db/schema";
import { changedSinceSnapshot, nothingNew, versionOf } from "./engine/apply";
import { loadObjectEnv, type ObjectEnv } from "./engine/object-env";
import type { SideRecord } from "./engine/values";
import { projectFor } from "./engine/sync-one";
import { linksByRecordId, type Side } from "./links";
import { createSyncContext } from "./org-context";
import { syncedObjects } from "./objects/registry";
import type { RecordChange } from "./sync-record";

/** Re-read a little before the cursor: clocks differ, and re-reading an unchanged record is a no-op. */
const OVERLAP_MS = 2 * 60_000;
/** A QuickBooks record's SyncToken when created; every change after moves it. */
const FIRST_SYNC_TOKEN = "0";
/** QuickBooks CDC looks back at most 30 days. */
const CDC_MAX_AGE_MS = 30 * 24 * 60 * 60_000;
const FIRST_LOOKBACK_MS = 24 * 60 * 60_000;
/**
 * How long before a sync's start its change windows still reach: QuickBooks stamps changes to the
 * second and clocks differ, so a change made just after the start can carry an earlier time.
 */
export const START_MARGIN_MS = 5_000;

/** The earliest change time a sync started at `startedAt` looks for: its initial sync read what is older. */
export const changesFrom = (startedAt: Date): number => startedAt.getTime() - START_MARGIN_MS;

export interface ReconcileResult {
  changes: RecordChange[];
  /** Per provider, per object: where the next pass starts. */
  cursors: { quickbooks: Record<string, string>; hubspot: Record<string, string> };
}

/** A cursor left by a pass cut short: the next starts strictly after it, without the overlap. */
const RESUME_PREFIX = "after:";

/** The cursor a pass leaves: where a capped read was cut, else the pass's start. */
export function nextCursor(found: { capped: boolean; resumeAfter?: string }, now: number): string {
  return found.capped && found.resumeAfter ? `${RESUME_PREFIX}${found.resumeAfter}` : new Date(now).toISOString();
}

/**
 * Where a pass reads from: after a cut exactly, else the last pass's start less the overlap (the
 * sync's start, or a day back, at first), never more than START_MARGIN_MS before the sync started
 * (what changed before, its initial sync reads: the overlap of a pass soon after the start
 * re-found every record changed in the minutes before it, a run each) nor past CDC's 30 days.
 */
export function startFrom(cursor: string | undefined, startedAt: Date | null, now: number): Date {
  const resume = cursor?.startsWith(RESUME_PREFIX) ? Date.parse(cursor.slice(RESUME_PREFIX.length)) + 1 : null;
  const start = startedAt ? changesFrom(startedAt) : null;
  const from = resume ?? (cursor ? Date.parse(cursor) - OVERLAP_MS : (start ?? now - FIRST_LOOKBACK_MS));
  return new Date(Math.max(from, start ?? -Infinity, now - CDC_MAX_AGE_MS + 60_000));
}

/** Orgs with both providers connected and at least one sync switched on. */
export async function orgsToReconcile(db: Database): Promise<string[]> {
  const rows = await db
    .select({ orgId: syncConfigs.orgId })
    .from(syncConfigs)
    .where(
      and(
        eq(syncConfigs.enabled, true),
        sql`(select count(*) from ${connections} c where c.org_id = ${syncConfigs.orgId} and c.status = 'active') = 2`,
      ),
    )
    .groupBy(syncConfigs.orgId);
  return rows.map((r) => r.orgId);
}

/**
 * A QuickBooks record Tandem created from HubSpot whose sync hasn't stored its snapshot yet, still
 * at the first SyncToken: nobody has touched it since the create, which the sync holding its link
 * stores when done.
 */
const isOwnCreateInFlight = (link: typeof recordLinks.$inferSelect, record: SideRecord) =>
  link.state === "pending" && link.origin === "hubspot" && link.counterpartCreated && record.version === FIRST_SYNC_TOKEN;

/**
 * The changed records whose mapped values differ from what Tandem last synced (its own writes drop
 * out here). A QuickBooks record at the SyncToken its link last saw is unchanged whatever its
 * projection says: CDC answers invoices without their customers' emails and lines' SKUs, which only
 * a read adds, and a SyncToken moves with every edit, a payment applied included.
 */
export async function realChanges(db: Database, env: ObjectEnv, side: Side, records: SideRecord[]) {
  if (records.length === 0) return [];
  const { orgId } = env.ctx;
  const { object } = env.spec;
  const links = await linksByRecordId(db, orgId, object, side, records.map((r) => r.id));
  return records.filter((record) => {
    const link = links.get(record.id);
    if (link && side === "quickbooks" && isOwnCreateInFlight(link, record)) return false;
    if (!link || link.state !== "synced") return true;
    const snapshot = side === "hubspot" ? link.hubspotSnapshot : link.quickbooksSnapshot;
    if (side === "quickbooks" && record.version !== undefined && !changedSinceSnapshot(record, snapshot)) return false;
    return !nothingNew(projectFor(env, record, side), snapshot, record, env.valueRules);
  });
}

/**
 * What changed at both providers since the stored cursors (QuickBooks Change Data Capture,
 * HubSpot search on the last-modified date), for the org's enabled syncs. A lost webhook is found
 * here on the next pass; records whose only change was Tandem's own write are skipped without
 * another read. Nothing is written to the providers.
 */
export async function findChanges(db: Database, orgId: string, now = Date.now()): Promise<ReconcileResult> {
  const ctx = await createSyncContext(db, orgId);
  const [qboConnection, hubspotConnection] = await Promise.all(
    (["quickbooks", "hubspot"] as const).map((provider) =>
      db.query.connections.findFirst({ where: and(eq(connections.orgId, orgId), eq(connections.provider, provider)) }),
    ),
  );
  const changes: ReconcileResult["changes"] = [];
  const cursors: ReconcileResult["cursors"] = { quickbooks: {}, hubspot: {} };
  for (const spec of syncedObjects()) {
    const env = await loadObjectEnv(db, orgId, spec.object, { ctx });
    if (!env.config.enabled) continue;
    for (const side of ["quickbooks", "hubspot"] as const) {
      const stored = (side === "quickbooks" ? qboConnection : hubspotConnection)?.reconcileCursors[spec.object];
      const since = startFrom(stored, env.config.startedAt, now);
      const found = await env.adapters[side].changedSince(since);
      const changed = await realChanges(db, env, side, found.records);
      for (const record of changed) changes.push({ orgId, object: spec.object, side, recordId: record.id, version: versionOf(record) ?? undefined });
      // Cut short (HubSpot's 10,000-result cap): the next pass carries on right after the cut.
      cursors[side][spec.object] = nextCursor(found, now);
    }
  }
  return { changes, cursors };
}

/** Stores the cursors once the changes they cover have been handed off. */
export async function saveCursors(db: Database, orgId: string, cursors: ReconcileResult["cursors"]): Promise<void> {
  for (const provider of ["quickbooks", "hubspot"] as const) {
    await db
      .update(connections)
      .set({ reconcileCursors: sql`${connections.reconcileCursors} || ${JSON.stringify(cursors[provider])}::jsonb` })
      .where(and(eq(connections.orgId, orgId), eq(connections.provider, provider)));
  }
}
