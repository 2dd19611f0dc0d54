import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { backfills, syncActivity, type Backfill, type BackfillCounts } from "../../db/schema";
import type { DateRange } from "../engine/adapter";
import { idColumn } from "../engine/apply";
import { initialSyncRunning } from "../engine/initial-sync-run";
import { objectLockKey, withLocks } from "../engine/locks";
import { other } from "../engine/merge";
import { loadObjectEnv, type ObjectEnv } from "../engine/object-env";
import type { SyncOutcome } from "../engine/outcome";
import { lockRecord, syncLocked } from "../engine/sync-one";
import type { SideRecord } from "../engine/values";
import type { RecordLink, Side } from "../links";
import { previewBackfill } from "./preview";
import { assertBackfillable } from "./rules";
import { backfillEnv, sourceSideOf } from "./scope";
import { syncChildren } from "../sync-record";

/** Invoices per page step: each is synced one by one, so a step stays short and a resume loses little. */
export const BACKFILL_PAGE_SIZE = 25;

export type PageStep = { next: string | null } | { stopped: true } | { waiting: true };

export const emptyCounts = (): BackfillCounts => ({ read: 0, created: 0, linked: 0, updated: 0, unchanged: 0, excluded: 0, failed: 0 });

const rangeOf = (backfill: Backfill): DateRange => ({ from: backfill.rangeFrom, to: backfill.rangeTo });

async function load(db: Database, orgId: string, backfillId: string): Promise<Backfill> {
  const row = await db.query.backfills.findFirst({ where: and(eq(backfills.orgId, orgId), eq(backfills.id, backfillId)) });
  if (!row) throw new Error(`Backfill ${backfillId} not found`);
  return row;
}

/** Prepares the accounts and stores what the backfill expects to do (the preview's counts), shown beside its progress. */
export async function beginBackfill(db: Database, orgId: string, backfillId: string): Promise<void> {
  const backfill = await load(db, orgId, backfillId);
  const env = await loadObjectEnv(db, orgId, backfill.object);
  await env.spec.prepare(env.ctx);
  const preview = await previewBackfill(db, orgId, backfill.object, backfill.direction, rangeOf(backfill), { maxItems: 0 });
  await db.update(backfills).set({ expected: preview.counts, updatedAt: sql`now()` }).where(eq(backfills.id, backfillId));
}

/**
 * One page of a backfill: the invoices dated in the range on the reading side, each synced as a
 * change would be (customers and items resolved, every filter but the history cutoff applied),
 * matched by number when it has no link. Counts are stored after every invoice, under the page's
 * index, so the progress is live and a page run again replaces its counts instead of adding.
 */
export async function backfillPage(db: Database, orgId: string, backfillId: string, page: number, cursor: string | null, runId: string, attempt: number): Promise<PageStep> {
  const backfill = await load(db, orgId, backfillId);
  if (backfill.state !== "running") return { stopped: true };
  if (attempt > 0) {
    await db.update(backfills).set({ resumes: sql`${backfills.resumes} + 1`, lastResumedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(backfills.id, backfillId));
  }
  // Records an initial sync is writing wait for it, as single-record changes do.
  if (await initialSyncRunning(db, orgId, backfill.object)) return { waiting: true };
  const env = backfillEnv(await loadObjectEnv(db, orgId, backfill.object, { runId }), backfill.direction);
  const pageByDate = assertBackfillable(env, backfill.direction);
  const side = sourceSideOf(backfill.direction);
  const found = await pageByDate(rangeOf(backfill), cursor, BACKFILL_PAGE_SIZE, { full: true });
  const counts = { ...emptyCounts(), read: found.records.length };
  await storePageCounts(db, backfillId, page, counts);
  for (const source of found.records) {
    if ((await load(db, orgId, backfillId)).state !== "running") return { stopped: true };
    const { outcome, before } = await backfillRecord(env, side, source);
    if (outcome.status === "created") await syncChildren(env, outcome.linkId, runId, [side]);
    if (outcome.status === "linked") await syncChildren(env, outcome.linkId, runId);
    counts[await classify(env, outcome, before, side)]++;
    await storePageCounts(db, backfillId, page, counts);
  }
  return { next: found.next };
}

const processed = (counts: BackfillCounts) => counts.created + counts.linked + counts.updated + counts.unchanged + counts.excluded + counts.failed;

/**
 * Stores a page's counts unless the page's stored ones are further along. An execution that
 * outlived its lease (still running when another took the page over) counts the same records in
 * the same order, only behind: its late writes must not put the page's counts back.
 */
export async function storePageCounts(db: Database, backfillId: string, page: number, counts: BackfillCounts) {
  const key = String(page);
  const storedProcessed = sql`(select coalesce(sum(value::int), -1) from jsonb_each_text(${backfills.pageCounts} -> ${key}::text) where key <> 'read')`;
  await db
    .update(backfills)
    .set({
      pageCounts: sql`case when ${storedProcessed} <= ${processed(counts)} then ${backfills.pageCounts} || jsonb_build_object(${key}::text, ${JSON.stringify(counts)}::jsonb) else ${backfills.pageCounts} end`,
      updatedAt: sql`now()`,
    })
    .where(eq(backfills.id, backfillId));
}

/** Syncs one record under the locks a single-record change takes; returns its link as it was before. */
async function backfillRecord(env: ObjectEnv, side: Side, source: SideRecord): Promise<{ outcome: SyncOutcome; before?: RecordLink }> {
  const { db, orgId } = env.ctx;
  const { object } = env.spec;
  return withLocks(db, async (locks) => {
    await locks.lock(objectLockKey(orgId, object), "shared");
    const link = await lockRecord(env, locks, side, source.id);
    // Synced meanwhile (a change, or this page before a crash): the page's copy may be older than what was synced.
    const current = link?.[idColumn(other(side))] ? await env.adapters[side].read(source.id) : source;
    if (!current) return { outcome: { status: "skipped", reason: "Deleted before it could sync" }, before: link };
    return { outcome: await syncLocked(env, side, current, link, {}, locks), before: link };
  });
}

/**
 * What the backfill did to the record. A page run again after a crash finds the records it had
 * done already synced: they count as what this run did to them (its activity says), and a create
 * cut short (a counterpart stored on the link, never synced) counts as created.
 */
async function classify(env: ObjectEnv, outcome: SyncOutcome, before: RecordLink | undefined, side: Side): Promise<keyof BackfillCounts> {
  switch (outcome.status) {
    case "created":
    case "linked":
    case "excluded":
    case "failed":
      return outcome.status;
    case "skipped":
    case "busy":
      return "excluded";
    case "updated":
    case "unchanged": {
      const [done] = await env.ctx.db
        .select({ action: syncActivity.action })
        .from(syncActivity)
        .where(and(eq(syncActivity.linkId, outcome.linkId), eq(syncActivity.runId, env.ctx.runId ?? ""), inArray(syncActivity.action, ["created", "linked", "conflict_resolved"])))
        .limit(1);
      if (done) return done.action === "created" ? "created" : "linked";
      const cutShort = before?.[idColumn(other(side))] && !before.hubspotSnapshot && !before.quickbooksSnapshot;
      return cutShort ? "created" : outcome.status;
    }
  }
}

export async function finishBackfill(db: Database, backfillId: string, failure?: string): Promise<void> {
  await db
    .update(backfills)
    .set({
      state: sql`case when ${failure !== undefined} then 'failed'::backfill_state when ${backfills.state} = 'cancelling' then 'cancelled'::backfill_state else 'finished'::backfill_state end`,
      error: failure ?? null,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(backfills.id, backfillId), inArray(backfills.state, ["running", "cancelling"])));
}
