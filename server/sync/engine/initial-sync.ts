import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { recordLinks, syncActivity, syncConfigs, type InitialSyncProgress, type SyncObject } from "../../db/schema";
import { toSyncError } from "../../providers/sync-errors";
import { SyncError } from "../errors";
import { linksByRecordId, type RecordLink, type Side } from "../links";
import { requestIdFor } from "../request-id";
import { attemptOf, changesOf, hasValues, snapshotOf, idColumn, unchangedSince, valuesAfterWrite } from "./apply";
import { exclusionOf } from "./exclusion";
import { objectLockKey, withLocks } from "./locks";
import { matchKeyOf } from "./match";
import { merge, other, type MergeResult } from "./merge";
import { specFor } from "../objects/registry";
import { loadObjectEnv, type ObjectEnv } from "./object-env";
import { count, emptySummary, type BatchSummary } from "./outcome";
import { BatchRefusedError, type CreateOptions, type WriteInput } from "./adapter";
import { toFields } from "./project";
import { recordFailure } from "./record-failure";
import { fieldsFor, filledByProvider, projectFor, sendsTo, stillEmpty, syncLocked } from "./sync-one";
import type { SideRecord, Values } from "./values";

/** Records per page step: two HubSpot batches, small enough for one serverless request (less where the receiving side takes fewer, see `writesPerStep`). */
export const PAGE_SIZE = 200;

export interface PageResult {
  next: string | null;
  summary: BatchSummary;
  read: number;
  /** Records whose sync failed for a reason a retry can fix: synced again after the initial sync. */
  retryLater: string[];
}

/** The sides an initial sync reads, in order: the sending side(s) of the object's direction. */
export function initialSyncSides(direction: ObjectEnv["config"]["direction"]): Side[] {
  if (direction === "to_hubspot") return ["quickbooks"];
  if (direction === "to_quickbooks") return ["hubspot"];
  return ["quickbooks", "hubspot"];
}

/** Marks the object's initial sync as running (single-record changes now wait) and prepares the accounts. */
export async function beginInitialSync(db: Database, orgId: string, object: SyncObject, runId: string): Promise<Side[]> {
  // Records that hang off another object's (payments) come with their parents' initial sync.
  if (specFor(object)?.parent) return [];
  const progress: InitialSyncProgress = { startedAt: new Date().toISOString(), pages: 0, read: 0, ...emptySummary() };
  await db
    .update(syncConfigs)
    .set({ initialSyncRunId: runId, initialSyncProgress: progress, updatedAt: sql`now()` })
    .where(and(eq(syncConfigs.orgId, orgId), eq(syncConfigs.object, object)));
  const env = await loadObjectEnv(db, orgId, object, { runId });
  await env.spec.prepare(env.ctx);
  return initialSyncSides(env.config.direction);
}

async function addProgress(db: Database, orgId: string, object: SyncObject, result: PageResult): Promise<void> {
  const add = { pages: 1, read: result.read, ...result.summary };
  const sets = Object.entries(add)
    .map(([key, n]) => sql`jsonb_build_object(${key}::text, coalesce((${syncConfigs.initialSyncProgress}->>${key})::int, 0) + ${n}::int)`)
    .reduce((a, b) => sql`${a} || ${b}`);
  await db
    .update(syncConfigs)
    .set({ initialSyncProgress: sql`coalesce(${syncConfigs.initialSyncProgress}, '{}'::jsonb) || ${sets}` })
    .where(and(eq(syncConfigs.orgId, orgId), eq(syncConfigs.object, object)));
}

interface Planned {
  source: SideRecord;
  values: Values;
  label: string;
  link: RecordLink;
  target: SideRecord | null;
  targetValues: Values | null;
  firstLink: boolean;
  plan: MergeResult;
}

/**
 * One page of an initial sync: reads a page of one side, decides every record as `syncOne` would
 * (same merge), writes the other side in batches, and stores links and activity in bulk. Runs
 * under the object's exclusive lock; records a batch refused are synced one by one.
 */
export async function syncInitialPage(db: Database, orgId: string, object: SyncObject, side: Side, cursor: string | null, runId: string): Promise<PageResult> {
  const env = await loadObjectEnv(db, orgId, object, { runId });
  const result = await withLocks(db, async (locks) => {
    await locks.lock(objectLockKey(orgId, object));
    return syncPage(env, side, cursor);
  });
  await addProgress(db, orgId, object, result);
  return result;
}

async function syncPage(env: ObjectEnv, side: Side, cursor: string | null): Promise<PageResult> {
  const page = await env.adapters[side].page(cursor, Math.min(PAGE_SIZE, env.adapters[other(side)].writesPerStep ?? PAGE_SIZE));
  const { summary, retryLater } = await syncRecords(env, side, page.records);
  return { next: page.next, summary, read: page.records.length, retryLater };
}

/**
 * Syncs records read from `side` the way a page step does: links looked up at once, counterparts
 * matched at once, writes in batches. Also used for the references a page of another object needs
 * (an invoice page's customers). The caller holds the locks that keep single-record syncs out.
 */
export async function syncRecords(env: ObjectEnv, side: Side, records: SideRecord[]): Promise<{ summary: BatchSummary; retryLater: string[] }> {
  const { db, orgId } = env.ctx;
  const { spec } = env;
  const targetSide = other(side);
  const summary = emptySummary();
  const retryLater: string[] = [];
  const ids = records.map((r) => r.id);
  const links = await linksByRecordId(db, orgId, spec.object, side, ids);

  const pending: Pending[] = [];
  const excluded: Array<{ source: SideRecord; label: string; reason: string; link?: RecordLink }> = [];
  for (const source of records) {
    const values = projectFor(env, source, side);
    const link = links.get(source.id);
    const label = spec.label(source, side, values);
    if (link?.state === "synced" && link.hubspotId && link.quickbooksId && unchangedSince(values, side === "hubspot" ? link.hubspotSnapshot : link.quickbooksSnapshot, env.valueRules)) {
      count(summary, { status: "unchanged", linkId: link.id });
      continue;
    }
    const reason = exclusionOf(env, source, side, Boolean(link?.hubspotId && link.quickbooksId));
    if (reason) excluded.push({ source, label, reason, link });
    else pending.push({ source, values, label, link });
  }
  await storeExclusions(env, side, excluded);
  summary.excluded += excluded.length;

  // Where a taken key refuses a whole batch create, records are created without looking their
  // keys up first (one request per batch instead of two); only a refused batch is matched.
  const matchFirst = !env.adapters[targetSide].createRefusesTakenMatch;
  const planned = await planPage(env, side, pending, summary, retryLater, matchFirst);
  const refused: Planned[] = [];
  await writePage(env, side, planned, summary, retryLater, matchFirst ? undefined : refused);
  if (refused.length) {
    const again = refused.map((p) => ({ source: p.source, values: p.values, label: p.label, link: p.link, refused: true }));
    await writePage(env, side, await planPage(env, side, again, summary, retryLater, true), summary, retryLater);
  }
  return { summary, retryLater };
}

async function storeExclusions(env: ObjectEnv, side: Side, excluded: Array<{ source: SideRecord; label: string; reason: string; link?: RecordLink }>) {
  const { db, orgId, runId } = env.ctx;
  const changed = excluded.filter((e) => e.link?.state !== "excluded" || e.link.excludedReason !== e.reason);
  if (changed.length === 0) return;
  await db.transaction(async (tx) => {
    const rows = await tx
      .insert(recordLinks)
      .values(changed.map((e) => ({ orgId, object: env.spec.object, origin: side, label: e.label, [idColumn(side)]: e.source.id, state: "excluded" as const, excludedReason: e.reason })))
      .onConflictDoUpdate({
        target: [recordLinks.orgId, recordLinks.object, side === "hubspot" ? recordLinks.hubspotId : recordLinks.quickbooksId],
        set: { state: "excluded", excludedReason: sql`excluded.excluded_reason`, errorCode: null, errorDetail: null, updatedAt: sql`now()` },
      })
      .returning({ id: recordLinks.id, reason: recordLinks.excludedReason });
    await tx.insert(syncActivity).values(
      rows.map((row) => ({ orgId, linkId: row.id, target: other(side), action: "excluded", message: row.reason, runId: runId ?? null })),
    );
  });
}

interface Pending {
  source: SideRecord;
  values: Values;
  label: string;
  link?: RecordLink;
  /** Its create was refused with its batch in this page: nothing was made for it. */
  refused?: boolean;
}

/**
 * Finds each record's counterpart (linked, matched, or created before a crash) and merges.
 * `matchFirst: false` leaves the match lookup out (see `createRefusesTakenMatch`).
 */
async function planPage(env: ObjectEnv, side: Side, pending: Pending[], summary: BatchSummary, retryLater: string[], matchFirst: boolean): Promise<Planned[]> {
  const { db, orgId } = env.ctx;
  const { spec, mappings } = env;
  const targetSide = other(side);
  const targetAdapter = env.adapters[targetSide];
  const linkedTargetIds = pending.map((p) => p.link?.[idColumn(targetSide)]).filter((id): id is string => Boolean(id));
  const linkedTargets = new Map((await targetAdapter.readMany(linkedTargetIds)).map((r) => [r.id, r]));
  const unlinked = pending.filter((p) => !p.link?.[idColumn(targetSide)] || !linkedTargets.has(p.link[idColumn(targetSide)]!));
  const keys = [...new Set(unlinked.map((p) => matchKeyOf(spec, p.source, side)).filter((k): k is string => Boolean(k)))];
  const matched = matchFirst && sendsTo(env, targetSide) ? await targetAdapter.findByMatch(keys) : new Map<string, SideRecord>();
  const retried = unlinked.filter((p) => p.link && !p.link[idColumn(targetSide)] && !p.refused).map((p) => p.source.id);
  const createdBefore = retried.length ? await targetAdapter.findByCounterpart(retried) : new Map<string, SideRecord>();
  const candidateIds = [...matched.values(), ...createdBefore.values()].map((r) => r.id);
  const holders = await linksByRecordId(db, orgId, spec.object, targetSide, candidateIds);

  // Links are written before any create, so a retried page finds what its first attempt made.
  const missing = pending.filter((p) => !p.link);
  if (missing.length) {
    const created = await db
      .insert(recordLinks)
      .values(missing.map((p) => ({ orgId, object: spec.object, origin: side, label: p.label, [idColumn(side)]: p.source.id, state: "pending" as const })))
      .onConflictDoNothing()
      .returning();
    const byId = new Map(created.map((l) => [l[idColumn(side)]!, l]));
    for (const p of missing) p.link = byId.get(p.source.id);
  }

  const claimed = new Map<string, string>();
  const planned: Planned[] = [];
  for (const p of pending) {
    if (!p.link) {
      retryLater.push(p.source.id);
      continue;
    }
    const link = p.link;
    try {
      const linkedId = link[idColumn(targetSide)];
      let target = linkedId ? (linkedTargets.get(linkedId) ?? null) : null;
      const firstLink = !target;
      if (!target) {
        if (!sendsTo(env, targetSide)) continue;
        const key = matchKeyOf(spec, p.source, side);
        const keyClaimant = key ? claimed.get(`key:${key}`) : undefined;
        if (keyClaimant) throw new SyncError("DUPLICATE_MATCH", `“${keyClaimant}” has the same ${spec.match?.label ?? "key"} and is synced first.`);
        if (key) claimed.set(`key:${key}`, p.label);
        target = (key ? matched.get(key) : undefined) ?? createdBefore.get(p.source.id) ?? null;
        if (target) {
          const claimant = claimed.get(target.id);
          const holder = holders.get(target.id);
          if (claimant || (holder && holder.id !== link.id && holder[idColumn(side)])) {
            throw new SyncError("DUPLICATE_MATCH", `“${claimant ?? holder?.label ?? target.id}” has the same ${spec.match?.label ?? "key"} and is synced with it.`);
          }
          if (holder && holder.id !== link.id) {
            // The match has a link of its own (excluded or failed before): sync this one alone.
            const outcome = await syncLocked(env, side, p.source, link, {});
            count(summary, outcome);
            continue;
          }
          claimed.set(target.id, p.label);
        }
      }
      const targetValues = target ? projectFor(env, target, targetSide) : null;
      const plan = merge({
        side,
        source: p.values,
        target: targetValues,
        snapshots: firstLink ? { hubspot: null, quickbooks: null } : { hubspot: link.hubspotSnapshot as Values | null, quickbooks: link.quickbooksSnapshot as Values | null },
        mappings,
        direction: env.config.direction,
        conflictWinner: env.config.conflictWinner,
        derived: env.spec.derived,
        valueRules: env.valueRules,
      });
      planned.push({ source: p.source, values: p.values, label: p.label, link, target, targetValues, firstLink, plan });
    } catch (error) {
      await failOne(env, side, p.source, link, error, summary, retryLater);
    }
  }
  return planned;
}

async function failOne(env: ObjectEnv, side: Side, source: SideRecord, link: RecordLink, error: unknown, summary: BatchSummary, retryLater: string[]) {
  const syncError = toSyncError(error);
  if (!syncError) throw error;
  try {
    count(summary, await recordFailure(env.ctx.db, link, other(side), syncError, env.ctx.runId));
  } catch {
    // Retryable: the record shows the error now and syncs again once the initial sync is done.
    summary.failed++;
    retryLater.push(source.id);
  }
}

/**
 * The values the page's counterparts brought back (filled in by the provider), written to their
 * sources in batches rather than one request (and one read) per record. A batch refused whole
 * goes record by record, so one bad record fails alone.
 */
async function writeBack(
  env: ObjectEnv,
  side: Side,
  writes: Array<{ p: Planned; written: SideRecord; toSource: Values }>,
): Promise<Map<string, SideRecord | Error>> {
  const { orgId } = env.ctx;
  const adapter = env.adapters[side];
  const answers = new Map<string, SideRecord | Error>();
  const inputs: Array<WriteInput & { id: string; current: SideRecord }> = [];
  for (const { p, written, toSource } of writes) {
    try {
      inputs.push({
        traceId: p.link.id,
        id: p.source.id,
        current: p.source,
        fields: await fieldsFor(env, side, toSource, written),
        counterpartId: written.id,
        requestKey: requestIdFor(orgId, env.spec.object, "update", side, p.source.id, JSON.stringify(toSource), attemptOf(p.link)),
      });
    } catch (error) {
      answers.set(p.link.id, error instanceof Error ? error : new Error(String(error)));
    }
  }
  if (inputs.length === 0) return answers;
  try {
    for (const [traceId, answer] of await adapter.batchWrite("update", inputs)) answers.set(traceId, answer);
  } catch {
    for (const { current, ...input } of inputs) {
      answers.set(input.traceId, await adapter.update(current, input).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
    }
  }
  return answers;
}

/**
 * Batch writes to the other side, then the links, snapshots and activity of the page in one
 * transaction. Records whose batch create was refused whole go to `refused` when given (to be
 * matched and written again), else one by one.
 */
async function writePage(env: ObjectEnv, side: Side, page: Planned[], summary: BatchSummary, retryLater: string[], refused?: Planned[]) {
  let planned = page;
  const { db, orgId } = env.ctx;
  const { spec, mappings } = env;
  const targetSide = other(side);
  const adapter = env.adapters[targetSide];
  const single = async (p: Planned) => {
    try {
      // The batch may have stored the counterpart it made before refusing a later step of it.
      const link = (await db.query.recordLinks.findFirst({ where: eq(recordLinks.id, p.link.id) })) ?? p.link;
      count(summary, await syncLocked(env, side, p.source, link, {}));
    } catch (error) {
      await failOne(env, side, p.source, p.link, error, summary, retryLater);
    }
  };
  // Without a bulk way to resolve its references (an invoice's customer), an object goes record by
  // record. With one, its new counterparts are created in batches; a record that already has one
  // goes the single-record way, whose merge knows the object's ownership.
  const batchable = spec.prepareWrite ? (spec.prepareWriteMany ? planned.filter((p) => !p.target) : []) : planned;
  for (const p of planned) if (!batchable.includes(p)) await single(p);
  planned = batchable;

  const creates = planned.filter((p) => !p.target);
  const updates = planned.filter((p) => p.target && hasValues(p.plan.toTarget));
  const answers = new Map<string, SideRecord | Error>();
  for (const [operation, group] of [["create", creates], ["update", updates]] as const) {
    if (group.length === 0) continue;
    const plainFields = group.map((p) => toFields(p.plan.toTarget, mappings, targetSide));
    const prepared = spec.prepareWriteMany ? await spec.prepareWriteMany(env, targetSide, group.map((p, i) => ({ fields: plainFields[i]!, source: p.source }))) : plainFields;
    const inputs: Array<WriteInput & { id?: string; options?: CreateOptions }> = [];
    for (const [index, p] of group.entries()) {
      const fields = prepared[index]!;
      if (fields instanceof Error) {
        answers.set(p.link.id, fields);
        continue;
      }
      inputs.push({
        traceId: p.link.id,
        id: p.target?.id,
        counterpartId: p.source.id,
        fields,
        requestKey: requestIdFor(orgId, spec.object, operation, side, p.source.id, operation === "update" ? JSON.stringify(p.plan.toTarget) : "", attemptOf(p.link)),
      });
    }
    if (operation === "create" && spec.createOptions) {
      for (const input of inputs) input.options = spec.createOptions(targetSide, group.find((p) => p.link.id === input.traceId)!.values, env.config);
    }
    // Stored at once, like a single create's: a retry after a crash finds what a batch made.
    const storeIds = async (created: Array<{ traceId: string; id: string }>) => {
      if (created.length === 0) return;
      const column = targetSide === "hubspot" ? sql.raw("hubspot_id") : sql.raw("quickbooks_id");
      await db.execute(sql`
        update record_links l set ${column} = v.id, counterpart_created = true
        from jsonb_to_recordset(${JSON.stringify(created.map((c) => ({ link: c.traceId, id: c.id })))}::jsonb) as v(link uuid, id text)
        where l.id = v.link`);
    };
    if (inputs.length) for (const [traceId, answer] of await adapter.batchWrite(operation, inputs, storeIds)) answers.set(traceId, answer);
  }

  const written: Array<{ p: Planned; written: SideRecord; targetAfter: Values; toSource: Values }> = [];
  for (const p of planned) {
    const answer = p.target && !hasValues(p.plan.toTarget) ? p.target : answers.get(p.link.id);
    if (refused && answer instanceof BatchRefusedError) {
      refused.push(p);
      continue;
    }
    if (answer instanceof SyncError && !answer.retryable) {
      // Decided about this record (e.g. QuickBooks' total after the create): the single-record way
      // would only meet it again, or take what the failed create left for an outside edit.
      await failOne(env, side, p.source, p.link, answer, summary, retryLater);
      continue;
    }
    if (!answer || answer instanceof Error) {
      // Refused in the batch (e.g. created meanwhile): this record goes the single-record way.
      await single(p);
      continue;
    }
    const targetAfter = valuesAfterWrite(p.targetValues, p.plan.toTarget, answer, mappings, targetSide, env.spec.derived);
    written.push({ p, written: answer, targetAfter, toSource: p.plan.toSource });
  }
  // As a single create does: a value the provider filled in itself goes back to the source, where still empty.
  const filled = await stillEmpty(
    env,
    side,
    new Map(written.filter((w) => !w.p.target).map((w) => [w.p.source.id, filledByProvider(env, side, w.p.values, w.targetAfter)])),
  );
  for (const w of written) w.toSource = { ...w.toSource, ...filled.get(w.p.source.id) };
  const sourceAnswers = await writeBack(env, side, written.filter((w) => hasValues(w.toSource)));
  const stored: Array<{ p: Planned; written: SideRecord; sourceAfter: SideRecord; targetAfter: Values; toSource: Values }> = [];
  for (const w of written) {
    const sourceAfter = hasValues(w.toSource) ? sourceAnswers.get(w.p.link.id) : w.p.source;
    if (!sourceAfter || sourceAfter instanceof Error) {
      await failOne(env, side, w.p.source, w.p.link, sourceAfter ?? new Error("The provider answered nothing for this record"), summary, retryLater);
      continue;
    }
    stored.push({ ...w, sourceAfter });
  }
  if (stored.length === 0) return;

  const rows = stored.map(({ p, written, sourceAfter, targetAfter, toSource }) => {
    const sourceValues = hasValues(toSource) ? valuesAfterWrite(p.values, toSource, sourceAfter, mappings, side, env.spec.derived) : p.values;
    const status = !p.target ? "created" : p.firstLink ? "linked" : hasValues(p.plan.toTarget) || hasValues(toSource) ? "updated" : "unchanged";
    count(summary, { status, linkId: p.link.id });
    return { p, written, sourceAfter, targetAfter, sourceValues, toSource, status };
  });
  await db.transaction(async (tx) => {
    const payload = rows.map((r) => ({
      id: r.p.link.id,
      hubspot_id: side === "hubspot" ? r.p.source.id : r.written.id,
      quickbooks_id: side === "quickbooks" ? r.p.source.id : r.written.id,
      hubspot_snapshot: side === "hubspot" ? snapshotOf(r.sourceValues, r.sourceAfter) : snapshotOf(r.targetAfter, r.written),
      quickbooks_snapshot: side === "quickbooks" ? snapshotOf(r.sourceValues, r.sourceAfter) : snapshotOf(r.targetAfter, r.written),
      label: r.p.label,
    }));
    await tx.execute(sql`
      update record_links l set
        hubspot_id = v.hubspot_id, quickbooks_id = v.quickbooks_id,
        hubspot_snapshot = v.hubspot_snapshot, quickbooks_snapshot = v.quickbooks_snapshot,
        label = v.label, mapping_version = ${env.mappingVersion}, state = 'synced', error_code = null, error_detail = null,
        excluded_reason = null, suspended = null, last_synced_at = now(), updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb)
        as v(id uuid, hubspot_id text, quickbooks_id text, hubspot_snapshot jsonb, quickbooks_snapshot jsonb, label text)
      where l.id = v.id`);
    const activity = rows
      .filter((r) => r.status !== "unchanged")
      .flatMap((r) => {
        const entries = [
          {
            orgId,
            linkId: r.p.link.id,
            target: targetSide,
            action: r.status,
            changes: changesOf(r.p.targetValues, r.targetAfter, Object.keys(r.p.plan.toTarget)),
            changedFields: Object.keys(r.p.plan.toTarget),
            runId: env.ctx.runId ?? null,
          },
        ];
        if (hasValues(r.toSource)) {
          entries.push({
            orgId,
            linkId: r.p.link.id,
            target: side,
            action: "updated",
            changes: changesOf(r.p.values, r.sourceValues, Object.keys(r.toSource)),
            changedFields: Object.keys(r.toSource),
            runId: env.ctx.runId ?? null,
          });
        }
        return entries;
      });
    if (activity.length) await tx.insert(syncActivity).values(activity);
  });
}
