import { and, eq, lt, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { recordLinks, syncActivity, syncBatches, type RecordState } from "../../db/schema";
import { describeError, type DescribedError } from "./describe";

/** A day: long enough to follow any batch; older ones are dropped as new ones are stored. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/** How many of a batch's failed records the outcome names (the rest are counted). */
export const NAMED_FAILURES = 20;

/** Stores the records one request queued, for the UI to follow; answers the batch's id. */
export async function storeBatch(db: Queryable, orgId: string, linkIds: string[], queuedAt: Date): Promise<string> {
  await db.delete(syncBatches).where(and(eq(syncBatches.orgId, orgId), lt(syncBatches.queuedAt, new Date(queuedAt.getTime() - KEEP_MS))));
  const [batch] = await db.insert(syncBatches).values({ orgId, linkIds, queuedAt }).returning({ id: syncBatches.id });
  return batch!.id;
}

export interface BatchOutcome {
  total: number;
  /** Records that have not run since they were queued. */
  waiting: number;
  synced: number;
  failed: number;
  excluded: number;
  /** The failed records (up to NAMED_FAILURES), with their error in the catalogue's words. */
  failures: Array<{ id: string; label: string | null; error: DescribedError | null }>;
}

/**
 * Where a batch's records ended: a record has run since it was queued when it was updated or has
 * activity at or after the queueing (a run that found nothing to write updates the link too).
 * Records deleted meanwhile drop out of the total. Null for another org's batch.
 */
export async function batchOutcome(db: Queryable, orgId: string, batchId: string): Promise<BatchOutcome | null> {
  const [batch] = await db
    .select()
    .from(syncBatches)
    .where(and(eq(syncBatches.orgId, orgId), eq(syncBatches.id, batchId)))
    .limit(1);
  if (!batch) return null;
  const since = sql`${batch.queuedAt.toISOString()}::timestamptz`;
  const ranSince = sql<boolean>`(${recordLinks.state} <> 'pending' and (${recordLinks.updatedAt} >= ${since} or exists (
    select 1 from ${syncActivity} where ${syncActivity.linkId} = ${recordLinks.id} and ${syncActivity.at} >= ${since})))`;
  // The batch's id array is read once (an uncorrelated subquery), so the links are found by key.
  const inBatch = and(eq(recordLinks.orgId, orgId), sql`${recordLinks.id} = any((select ${syncBatches.linkIds} from ${syncBatches} where ${syncBatches.id} = ${batch.id})::uuid[])`);
  const when = (state: RecordState) => sql<number>`count(*) filter (where ${recordLinks.state} = ${state} and ${ranSince})::int`;
  const [counts] = await db
    .select({
      total: sql<number>`count(*)::int`,
      waiting: sql<number>`count(*) filter (where not ${ranSince})::int`,
      synced: when("synced"),
      failed: when("failed"),
      excluded: when("excluded"),
    })
    .from(recordLinks)
    .where(inBatch);
  const failures = await db
    .select({ id: recordLinks.id, label: recordLinks.label, errorCode: recordLinks.errorCode, errorDetail: recordLinks.errorDetail })
    .from(recordLinks)
    .where(and(inBatch, eq(recordLinks.state, "failed"), ranSince))
    .orderBy(recordLinks.label, recordLinks.id)
    .limit(NAMED_FAILURES);
  return {
    ...counts!,
    failures: failures.map((f) => ({ id: f.id, label: f.label, error: describeError(f.errorCode ?? "VALIDATION_FAILED", f.errorDetail) })),
  };
}
