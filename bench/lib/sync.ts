/** Switching syncs on and off as a user would (tRPC), and reading what Tandem recorded. */
import type { SyncObject } from "../../server/db/schema";
import { sleep } from "./stats";
import type { Org } from "./world";

export type Direction = "two_way" | "to_hubspot" | "to_quickbooks";

async function deps() {
  const { db } = await import("../../server/db/client");
  const { recordLinks, syncConfigs } = await import("../../server/db/schema");
  const { runs } = await import("../../server/runtime/embedded/schema");
  const { and, eq, sql } = await import("drizzle-orm");
  return { db: db(), recordLinks, syncConfigs, runs, and, eq, sql };
}

export async function until<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await sleep(everyMs);
  }
}

export async function setSync(org: Org, object: SyncObject, enabled: boolean, direction: Direction = "two_way") {
  await org.caller.sync.updateSettings({ object: object as "contacts", enabled, direction });
}

/** The object's initial sync has finished (started at or after `since`). */
export async function initialSyncFinished(org: Org, object: SyncObject, since: Date, timeoutMs: number) {
  const { db, syncConfigs, and, eq } = await deps();
  return until(
    async () => {
      const [config] = await db.select().from(syncConfigs).where(and(eq(syncConfigs.orgId, org.orgId), eq(syncConfigs.object, object)));
      const progress = config?.initialSyncProgress;
      return !config?.initialSyncRunId && progress?.finishedAt && new Date(progress.startedAt) >= new Date(since.getTime() - 1000) ? progress : undefined;
    },
    `the initial ${object} sync`,
    timeoutMs,
    250,
  );
}

/** No run of the org is queued, running or sleeping (its endless QuickBooks poll chain aside). */
export async function orgQuiet(org: Org, timeoutMs: number) {
  const { db, runs, sql } = await deps();
  await until(
    async () => {
      const rows = await db.select({ status: runs.status, workflowId: runs.workflowId }).from(runs).where(sql`${runs.event}->'data'->>'orgId' = ${org.orgId}`);
      return rows.filter((r) => r.workflowId !== "poll-quickbooks").every((r) => r.status === "completed" || r.status === "failed");
    },
    "the org's work to finish",
    timeoutMs,
    500,
  );
}

export interface LinkCounts {
  synced: number;
  failed: number;
  excluded: number;
  pending: number;
  lastSyncedAt: Date | null;
  errors: Record<string, number>;
}

export async function linkCounts(org: Org, object: SyncObject): Promise<LinkCounts> {
  const { db, recordLinks, and, eq, sql } = await deps();
  const rows = await db
    .select({ state: recordLinks.state, errorCode: recordLinks.errorCode, n: sql<number>`count(*)::int`, last: sql<string | null>`max(${recordLinks.lastSyncedAt})::text` })
    .from(recordLinks)
    .where(and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.object, object)))
    .groupBy(recordLinks.state, recordLinks.errorCode);
  const count = (state: string) => rows.filter((r) => r.state === state).reduce((a, r) => a + r.n, 0);
  const last = rows.filter((r) => r.state === "synced" && r.last).map((r) => new Date(r.last!).getTime());
  return {
    synced: count("synced"),
    failed: count("failed"),
    excluded: count("excluded"),
    pending: count("pending"),
    lastSyncedAt: last.length ? new Date(Math.max(...last)) : null,
    errors: Object.fromEntries(rows.filter((r) => r.errorCode).map((r) => [r.errorCode!, r.n])),
  };
}

/** Links of the object by the id on one side. */
export async function linksBy(org: Org, object: SyncObject, side: "hubspot" | "quickbooks", ids: string[]) {
  const { db, recordLinks, and, eq } = await deps();
  const { inArray } = await import("drizzle-orm");
  if (ids.length === 0) return [];
  const column = side === "hubspot" ? recordLinks.hubspotId : recordLinks.quickbooksId;
  return db.select().from(recordLinks).where(and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.object, object), inArray(column, ids)));
}

export async function syncedLinks(org: Org, object: SyncObject) {
  const { db, recordLinks, and, eq } = await deps();
  return db.select().from(recordLinks).where(and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.object, object), eq(recordLinks.state, "synced")));
}

/** When the initial sync's page steps completed (runtime.steps): the first page and the spread of page durations. */
export async function pageTimings(org: Org, object: SyncObject, since: Date) {
  const { db, sql } = await deps();
  const rows = (await db.execute(sql`
    select s.step_key as key, extract(epoch from s.completed_at) * 1000 as at, extract(epoch from r.started_at) * 1000 as started
    from runtime.steps s join runtime.runs r on r.id = s.run_id
    where r.workflow_id = 'initial-sync' and r.event -> 'data' ->> 'orgId' = ${org.orgId} and r.event -> 'data' ->> 'object' = ${object} and r.started_at >= ${since.toISOString()}::timestamptz
    order by s.completed_at`)) as unknown as Array<{ key: string; at: number; started: number }>;
  const pages = rows.filter((r) => /-page-\d+/.test(r.key));
  const begin = rows.filter((r) => r.key === "begin").at(-1);
  if (pages.length === 0) return null;
  const durations = pages.map((r, i) => (Number(r.at) - (i === 0 ? Number(begin?.at ?? r.started) : Number(pages[i - 1]!.at))) / 1000);
  return { pages: pages.length, durations };
}
