import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Database, Queryable } from "../db/client";
import { recordLinks, syncActivity, type Snapshot, type SyncObject } from "../db/schema";
import { SyncError, type SyncErrorCode } from "./errors";

export type RecordLink = typeof recordLinks.$inferSelect;
export type Side = "hubspot" | "quickbooks";

/** The links of the `object` records with these ids on `side`, by that id. */
export async function linksByRecordId(db: Queryable, orgId: string, object: SyncObject, side: Side, ids: string[]): Promise<Map<string, RecordLink>> {
  if (ids.length === 0) return new Map();
  const column = side === "hubspot" ? recordLinks.hubspotId : recordLinks.quickbooksId;
  const rows = await db.select().from(recordLinks).where(and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, object), inArray(column, [...new Set(ids)])));
  return new Map(rows.map((link) => [(side === "hubspot" ? link.hubspotId : link.quickbooksId)!, link]));
}

/** Of the `object` records with these ids on `side`, those linked on both sides (a child's parents that can take it). */
export async function linkedOnBothSides(db: Queryable, orgId: string, object: SyncObject, side: Side, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const column = side === "hubspot" ? recordLinks.hubspotId : recordLinks.quickbooksId;
  const rows = await db
    .select({ id: column })
    .from(recordLinks)
    .where(and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, object), inArray(column, ids), isNotNull(recordLinks.hubspotId), isNotNull(recordLinks.quickbooksId)));
  return new Set(rows.map((row) => row.id!));
}

export async function findLink(db: Queryable, orgId: string, object: SyncObject, side: Side, id: string) {
  const column = side === "hubspot" ? recordLinks.hubspotId : recordLinks.quickbooksId;
  return db.query.recordLinks.findFirst({
    where: and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, object), eq(column, id)),
  });
}

/**
 * The linked ids on `side` that start with one of `prefixes` (a QuickBooks Payment's applications,
 * `<Payment Id>:<Invoice Id>`, by `<Payment Id>:`), including those no longer in the provider record.
 */
export async function linkedIdsStartingWith(db: Queryable, orgId: string, object: SyncObject, side: Side, prefixes: string[]): Promise<string[]> {
  if (prefixes.length === 0) return [];
  const column = side === "hubspot" ? recordLinks.hubspotId : recordLinks.quickbooksId;
  const patterns = prefixes.map((prefix) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const rows = await db
    .select({ id: column })
    .from(recordLinks)
    .where(and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, object), sql`${column} like any(array[${sql.join(patterns.map((pattern) => sql`${pattern}`), sql`, `)}]::text[])`));
  return rows.map((row) => row.id).filter((id): id is string => id !== null);
}

/**
 * Returns the link for a record seen on one side, creating a pending one when there is none. The
 * row exists before anything is written to the other side, so a retried create finds it.
 */
export async function ensureLink(
  db: Database,
  orgId: string,
  object: SyncObject,
  side: Side,
  id: string,
  label: string | null,
  /** The new link's id, when the caller locked it before the link could be found. */
  linkId?: string,
  /** The link of the record this one hangs off (a payment's invoice). */
  parentLinkId: string | null = null,
): Promise<RecordLink> {
  const existing = await findLink(db, orgId, object, side, id);
  if (existing) return existing;
  const [created] = await db
    .insert(recordLinks)
    .values({
      ...(linkId ? { id: linkId } : {}),
      orgId,
      object,
      origin: side,
      label,
      state: "pending",
      parentLinkId,
      ...(side === "hubspot" ? { hubspotId: id } : { quickbooksId: id }),
    })
    .onConflictDoNothing()
    .returning();
  return created ?? (await findLink(db, orgId, object, side, id))!;
}

export interface SyncedState {
  hubspotId: string;
  quickbooksId: string;
  hubspotSnapshot: Snapshot;
  quickbooksSnapshot: Snapshot;
  mappingVersion: number;
  label: string | null;
}

/** The record is in step on both sides; `failure` keeps it flagged when the sides still differ on purpose. */
export async function markSynced(
  db: Queryable,
  link: RecordLink,
  state: SyncedState,
  failure?: { code: SyncErrorCode; detail: string },
): Promise<void> {
  await db
    .update(recordLinks)
    .set({
      ...state,
      state: failure ? "failed" : "synced",
      errorCode: failure?.code ?? null,
      errorDetail: failure?.detail ?? null,
      excludedReason: null,
      suspended: null,
      lastSyncedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(recordLinks.id, link.id));
}

export async function markFailed(db: Queryable, link: RecordLink, code: SyncErrorCode, detail: string | undefined) {
  await db
    .update(recordLinks)
    .set({ state: "failed", errorCode: code, errorDetail: detail ?? null, excludedReason: null, suspended: null, updatedAt: sql`now()` })
    .where(eq(recordLinks.id, link.id));
}

export async function markExcluded(db: Queryable, link: RecordLink, reason: string) {
  await db
    .update(recordLinks)
    .set({ state: "excluded", excludedReason: reason, errorCode: null, errorDetail: null, suspended: null, updatedAt: sql`now()` })
    .where(eq(recordLinks.id, link.id));
}

export interface Activity {
  target: Side;
  action: "created" | "updated" | "linked" | "unchanged" | "excluded" | "failed" | "conflict_resolved" | "out_of_step" | "deleted";
  changedFields?: string[];
  changes?: Record<string, { before: unknown; after: unknown }>;
  errorCode?: SyncErrorCode;
  message?: string;
  runId?: string;
}

export async function recordActivity(db: Queryable, link: RecordLink, activity: Activity): Promise<void> {
  await db.insert(syncActivity).values({
    orgId: link.orgId,
    linkId: link.id,
    target: activity.target,
    action: activity.action,
    changedFields: activity.changedFields ?? Object.keys(activity.changes ?? {}),
    changes: activity.changes ?? {},
    errorCode: activity.errorCode ?? null,
    message: activity.message ?? null,
    runId: activity.runId ?? null,
  });
}

/**
 * Refuses to pair `link` with a provider record that another link already holds: two QuickBooks
 * customers sharing an email (or items sharing a SKU) must not both write to one HubSpot record.
 */
export async function assertNotLinkedElsewhere(db: Queryable, link: RecordLink, side: Side, id: string): Promise<void> {
  const holder = await findLink(db, link.orgId, link.object, side, id);
  if (holder && holder.id !== link.id) {
    throw new SyncError(
      "DUPLICATE_MATCH",
      `The ${side === "hubspot" ? "HubSpot" : "QuickBooks"} record ${id} is already synced with “${holder.label ?? holder.id}”.`,
    );
  }
}
