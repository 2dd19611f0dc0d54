import { and, count, desc, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { recordLinks, type RecordState, type SyncObject } from "../db/schema";
import { loadSyncConfig, type SyncConfig } from "./config";

export type StateCounts = Record<RecordState, number>;

export interface ObjectOverview {
  config: SyncConfig;
  counts: StateCounts;
}

export async function objectOverview(db: Database, orgId: string, object: SyncObject): Promise<ObjectOverview> {
  const rows = await db
    .select({ state: recordLinks.state, total: count() })
    .from(recordLinks)
    .where(and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, object)))
    .groupBy(recordLinks.state);
  const counts: StateCounts = { synced: 0, failed: 0, excluded: 0, pending: 0 };
  for (const row of rows) counts[row.state] = row.total;
  return { config: await loadSyncConfig(db, orgId, object), counts };
}

/** The most recently changed records of an object in one state, for the overview's lists. */
export async function recentRecords(db: Database, orgId: string, object: SyncObject, state: RecordState, limit: number) {
  return db
    .select({
      id: recordLinks.id,
      label: recordLinks.label,
      hubspotId: recordLinks.hubspotId,
      quickbooksId: recordLinks.quickbooksId,
      errorCode: recordLinks.errorCode,
      errorDetail: recordLinks.errorDetail,
      excludedReason: recordLinks.excludedReason,
      lastSyncedAt: recordLinks.lastSyncedAt,
      updatedAt: recordLinks.updatedAt,
    })
    .from(recordLinks)
    .where(and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, object), eq(recordLinks.state, state)))
    .orderBy(desc(recordLinks.updatedAt))
    .limit(limit);
}
