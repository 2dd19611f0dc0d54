import { and, count, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { recordLinks, type RecordState, type SyncObject } from "../../db/schema";
import { loadSyncConfig, type SyncConfig } from "../config";
import { describeError } from "./describe";
import { ownRecords } from "./own-records";

export type StateCounts = Record<RecordState, number>;

export interface FailedByCode {
  code: string;
  category: string;
  explanation: string;
  fix: string;
  retryable: boolean;
  count: number;
}

export interface ObjectStatus {
  object: SyncObject;
  config: SyncConfig;
  counts: StateCounts;
  /** Failed records per error code, most first: what "retry all of a category" works on. */
  failedByCode: FailedByCode[];
}

/**
 * Per object: its settings, its records per state (invoice lines count with their invoice; a
 * payment, hanging off its invoice, counts as a payment) and its failures per error code. One
 * grouped query.
 */
export async function syncStatusOverview(db: Queryable, orgId: string, objects: readonly SyncObject[]): Promise<ObjectStatus[]> {
  const rows = await db
    .select({ object: recordLinks.object, state: recordLinks.state, errorCode: recordLinks.errorCode, total: count() })
    .from(recordLinks)
    .where(and(eq(recordLinks.orgId, orgId), ownRecords()))
    .groupBy(recordLinks.object, recordLinks.state, recordLinks.errorCode);
  return Promise.all(
    objects.map(async (object) => {
      const counts: StateCounts = { synced: 0, failed: 0, excluded: 0, pending: 0 };
      const failed = new Map<string, number>();
      for (const row of rows) {
        if (row.object !== object) continue;
        counts[row.state] += row.total;
        if (row.state === "failed") {
          const code = row.errorCode ?? "VALIDATION_FAILED";
          failed.set(code, (failed.get(code) ?? 0) + row.total);
        }
      }
      const failedByCode = [...failed.entries()]
        .map(([code, n]) => {
          const described = describeError(code)!;
          return { code, category: described.category, explanation: described.explanation, fix: described.fix, retryable: described.retryable, count: n };
        })
        .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
      return { object, config: await loadSyncConfig(db, orgId, object), counts, failedByCode };
    }),
  );
}
