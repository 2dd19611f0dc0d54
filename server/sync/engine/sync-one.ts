import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { recordLinks } from "../../db/schema";
import { ensureLink, findLink, markExcluded, recordActivity, type RecordLink, type Side } from "../links";
import { requestIdFor } from "../request-id";
import { RecordExistsError, SEEN } from "./adapter";
import {
  changesOf,
  nothingNew,
  snapshotOf,
  seenVersion,
  hasValues,
  attemptOf,
  idColumn,
  joinMatchedLink,
  keepSynced,
  mergeFailure,
  storeApplied,
  valuesAfterWrite,
  type AppliedSync,
} from "./apply";
import { DELETED_REASON_PREFIX, forgetDeletedSide } from "./deleted";
import { exclusionReason, isHistoryCutoff } from "./filters";
import { initialSyncRunning } from "./initial-sync-run";
import { createLockKey, linkLockKey, objectLockKey, withLocks, type LockSession } from "./locks";
import { matchKeyOf } from "./match";
import { merge, other, writable } from "./merge";
import type { ObjectEnv } from "./object-env";
import type { SyncOutcome } from "./outcome";
import { project, toFields } from "./project";
import { recordFailure } from "./record-failure";
import type { SideRecord, Values } from "./values";

export interface SyncOneOptions {
  /** Re-apply even when nothing changed since the last sync (resync, a mapping switched on). */
  force?: boolean;
  /**
   * The version a poll or reconciliation saw when it noticed the change. A synced record whose link
   * already holds that version is not read again (the change was synced meanwhile, noticed while
   * an initial sync ran, which then read it) unless `superseded`: a later version may exist.
   */
  noticed?: { version: string; superseded: () => Promise<boolean> };
}

/** The record's mapped values, as the object reads them in its state. */
export function projectFor(env: ObjectEnv, record: SideRecord, side: Side): Values {
  const values = project(record, env.mappings, side);
  return env.spec.adjustValues ? env.spec.adjustValues(values, side) : values;
}

/** The field patch for a write, with the references the object resolves (an invoice's customer). */
export async function fieldsFor(env: ObjectEnv, side: Side, values: Values, source: SideRecord) {
  const fields = toFields(values, env.mappings, side);
  return env.spec.prepareWrite ? env.spec.prepareWrite(env, side, fields, source) : fields;
}

/** Whether the object's direction lets records flow to `side`. */
export function sendsTo(env: ObjectEnv, side: Side): boolean {
  return env.config.direction === "two_way" || env.config.direction === (side === "hubspot" ? "to_hubspot" : "to_quickbooks");
}

/**
 * Syncs one record that changed on `side`: reads it now (notifications are only hints), then
 * creates, links, updates, merges, excludes or fails it. Work on one record is serialized by its
 * link's lock; records not linked yet are created one at a time per object, so the notification
 * of Tandem's own create finds the link instead of creating a second copy, and waits for the
 * create to finish.
 */
export async function syncOne(env: ObjectEnv, side: Side, id: string, options: SyncOneOptions = {}): Promise<SyncOutcome> {
  const { db, orgId } = env.ctx;
  const { object } = env.spec;
  if (!env.config.enabled) return { status: "skipped", reason: `The ${object} sync is off` };
  return withLocks(db, async (locks) => {
    // Only an initial sync's page holds the object's lock exclusively: rather than hold a worker
    // until the page is done, the change is busy at once.
    if (!(await locks.tryLock(objectLockKey(orgId, object), "shared"))) return { status: "busy" };
    if (await initialSyncRunning(db, orgId, object)) return { status: "busy" };
    const link = await lockRecord(env, locks, side, id);
    const source = await readSource(env, side, id, link, options);
    if (source === SEEN) return { status: "unchanged", linkId: link!.id };
    if (!source) return link ? forgetDeletedSide(env, link, side) : { status: "skipped", reason: "Deleted before it could sync" };
    return syncLocked(env, side, source, link, options, locks);
  });
}

/**
 * The record as it is now; for a synced record `SEEN` instead when it is still the version its link
 * last saw (a notification of Tandem's own write, or of a version already synced), which is nothing
 * new: known without a read when the change carries that version, else the adapter may tell.
 */
async function readSource(env: ObjectEnv, side: Side, id: string, link: RecordLink | undefined, options: SyncOneOptions) {
  const adapter = env.adapters[side];
  const seen = seenVersion(link, side);
  const synced = link?.state === "synced" && Boolean(link.hubspotId && link.quickbooksId);
  if (!synced || options.force || !seen) return adapter.read(id);
  if (options.noticed?.version === seen && !(await options.noticed.superseded())) return SEEN;
  return adapter.readUnlessSeen ? adapter.readUnlessSeen(id, seen) : adapter.read(id);
}

/**
 * Takes the locks that serialize work on the record `id` of `side` and returns its link as it is
 * under them: the link's lock, or the object's create lock when it has none. The link is read
 * again once locked, since the sync that held the lock may have changed it (its snapshots) or
 * merged it into another link meanwhile.
 */
export async function lockRecord(env: ObjectEnv, locks: LockSession, side: Side, id: string): Promise<RecordLink | undefined> {
  const { db, orgId } = env.ctx;
  const { object } = env.spec;
  let link = await findLink(db, orgId, object, side, id);
  let creating = false;
  for (;;) {
    if (!link) {
      if (creating) return undefined;
      await locks.lock(createLockKey(orgId, object));
      creating = true;
      link = await findLink(db, orgId, object, side, id);
      continue;
    }
    await locks.lock(linkLockKey(link.id));
    const locked = link.id;
    link = await findLink(db, orgId, object, side, id);
    if (link?.id === locked) return link;
  }
}

/**
 * Syncs a record whose locks the caller holds (`lockRecord`). Given the caller's lock session, a
 * link made or joined here is locked before any other sync can find it: another sync of the
 * record (a webhook, the poll, reconciliation) then waits until this one has stored what it wrote.
 * Without one, the caller keeps every other sync of the object out (an initial sync's page).
 */
export async function syncLocked(
  env: ObjectEnv,
  side: Side,
  source: SideRecord,
  found: RecordLink | undefined,
  options: SyncOneOptions,
  locks?: LockSession,
): Promise<SyncOutcome> {
  const { db, orgId, runId } = env.ctx;
  const { spec } = env;
  const targetSide = other(side);
  const values = projectFor(env, source, side);
  const label = spec.label(source, side, values);
  let link = found;
  const attached = spec.attach ? await spec.attach(env, side, source, link) : { parentLinkId: null };
  if ("skip" in attached) return { status: "skipped", reason: attached.skip };
  const openLink = async () => {
    if (!locks) return ensureLink(db, orgId, spec.object, side, source.id, label, undefined, attached.parentLinkId);
    const linkId = randomUUID();
    await locks.lock(linkLockKey(linkId));
    const opened = await ensureLink(db, orgId, spec.object, side, source.id, label, linkId, attached.parentLinkId);
    if (opened.id !== linkId) await locks.lock(linkLockKey(opened.id));
    return opened;
  };
  const lockHolder = locks ? (holderId: string) => locks.lock(linkLockKey(holderId)) : undefined;

  const linkedBothSides = Boolean(link?.hubspotId && link?.quickbooksId);
  const snapshot = side === "hubspot" ? link?.hubspotSnapshot : link?.quickbooksSnapshot;
  if (!link && !sendsTo(env, targetSide)) return { status: "skipped", reason: `This sync doesn't copy ${spec.noun}s to ${targetSide === "hubspot" ? "HubSpot" : "QuickBooks"}` };

  // Filters choose which records go from one side to the other; a record that came from the
  // target side and is linked to it keeps syncing back, whatever the filters of this direction say,
  // and one already synced is past the history cutoffs.
  const cameFromTarget = linkedBothSides && link?.origin === targetSide;
  const filters = env.filters[targetSide === "hubspot" ? "to_hubspot" : "to_quickbooks"];
  const exclusion = sendsTo(env, targetSide)
    ? (spec.exclusion(source, side, matchKeyOf(spec, source, side), linkedBothSides) ??
      (cameFromTarget ? null : exclusionReason(source, linkedBothSides ? filters.filter((group) => !isHistoryCutoff(group)) : filters)))
    : null;
  if (exclusion) {
    link ??= await openLink();
    if (link.state !== "excluded" || link.excludedReason !== exclusion) {
      await markExcluded(db, link, exclusion);
      await recordActivity(db, link, { target: targetSide, action: "excluded", message: exclusion, runId });
    }
    return { status: "excluded", linkId: link.id, reason: exclusion };
  }
  // After the filters: a filter tightened since, or a field only a filter reads, excludes a synced record even when its mapped values are as synced.
  if (link?.state === "synced" && linkedBothSides && !options.force && nothingNew(values, snapshot, source, env.valueRules)) {
    return { status: "unchanged", linkId: link.id };
  }
  // Its counterpart was deleted: only a change since (not a late notification of an older one) creates it again.
  if (link?.state === "excluded" && link.excludedReason?.startsWith(DELETED_REASON_PREFIX) && snapshot && !options.force && nothingNew(values, snapshot, source, env.valueRules)) {
    return { status: "excluded", linkId: link.id, reason: link.excludedReason };
  }

  try {
    const targetId = link?.[idColumn(targetSide)] ?? null;
    let target = targetId ? await env.adapters[targetSide].read(targetId) : null;
    const firstLink = !target;
    if (!target) {
      if (!sendsTo(env, targetSide)) return { status: "skipped", reason: "Its counterpart is gone and this sync doesn't create it again" };
      target = await findCounterpart(env, side, source, Boolean(link));
      if (target) link = await joinMatchedLink(db, env, link, side, source.id, targetSide, target.id, lockHolder);
    }
    link ??= await openLink();
    try {
      return await applyMerge(env, side, source, values, target, link, firstLink, label, options);
    } catch (error) {
      // Made meanwhile, or not searchable yet: the provider named the record that exists; link to it.
      if (!(error instanceof RecordExistsError)) throw error;
      const existing = await env.adapters[targetSide].read(error.existingId);
      if (!existing) throw error;
      link = (await joinMatchedLink(db, env, link, side, source.id, targetSide, existing.id, lockHolder)) ?? link;
      return await applyMerge(env, side, source, values, existing, link, true, label, options);
    }
  } catch (error) {
    link ??= await openLink();
    return recordFailure(db, link, targetSide, error, runId);
  }
}

/**
 * A record on the other side to link to: by the match field (or the object's own rule), or, for a
 * record whose link was written before a crash, the one Tandem may have created then.
 */
async function findCounterpart(env: ObjectEnv, side: Side, source: SideRecord, linkedBefore: boolean): Promise<SideRecord | null> {
  const targetSide = other(side);
  const key = matchKeyOf(env.spec, source, side);
  const matched = key ? (await env.adapters[targetSide].findByMatch([key])).get(key) : ((await env.spec.findCounterpart?.(env, side, source)) ?? undefined);
  if (matched || !linkedBefore) return matched ?? null;
  return (await env.adapters[targetSide].findByCounterpart([source.id])).get(source.id) ?? null;
}

async function applyMerge(
  env: ObjectEnv,
  side: Side,
  source: SideRecord,
  values: Values,
  target: SideRecord | null,
  link: RecordLink,
  firstLink: boolean,
  label: string,
  options: SyncOneOptions,
): Promise<SyncOutcome> {
  const { db, orgId } = env.ctx;
  const { spec, mappings } = env;
  const targetSide = other(side);
  const targetValues = target ? projectFor(env, target, targetSide) : null;
  const snapshots = firstLink
    ? { hubspot: null, quickbooks: null }
    : { hubspot: link.hubspotSnapshot as Values | null, quickbooks: link.quickbooksSnapshot as Values | null };
  const plan = merge({
    side,
    source: values,
    target: targetValues,
    snapshots,
    mappings,
    direction: env.config.direction,
    // A counterpart Tandem made but never finished syncing (a create cut short) takes the record it
    // was made from as the truth, whoever wins conflicts. Two records that existed and were matched
    // but not yet synced are a first link like any other: the conflict winner settles them.
    conflictWinner: !firstLink && !link.hubspotSnapshot && !link.quickbooksSnapshot && link.counterpartCreated ? link.origin : env.config.conflictWinner,
    force: options.force,
    ownedBy: spec.ownedBy?.(link.origin),
    derived: spec.derived,
    valueRules: env.valueRules,
  });

  let written = target;
  if (!target) {
    written = await createCounterpart(env, side, source, values, plan.toTarget, link);
  } else if (hasValues(plan.toTarget)) {
    written = await env.adapters[targetSide].update(target, {
      traceId: link.id,
      fields: await fieldsFor(env, targetSide, plan.toTarget, source),
      counterpartId: source.id,
      requestKey: requestIdFor(orgId, spec.object, "update", targetSide, target.id, JSON.stringify(plan.toTarget), attemptOf(link)),
    });
  }
  const targetAfter = valuesAfterWrite(targetValues, plan.toTarget, written!, mappings, targetSide, spec.derived);
  // A value the provider filled in itself on a create (QuickBooks' due date from the terms when the
  // HubSpot invoice has none) goes back to the source, or the two sides would differ for good.
  const filled = target ? undefined : (await stillEmpty(env, side, new Map([[source.id, filledByProvider(env, side, values, targetAfter)]]))).get(source.id);
  const toSource = { ...plan.toSource, ...filled };
  let sourceAfter = source;
  if (hasValues(toSource)) {
    sourceAfter = await env.adapters[side].update(source, {
      traceId: link.id,
      fields: await fieldsFor(env, side, toSource, written!),
      counterpartId: written!.id,
      requestKey: requestIdFor(orgId, spec.object, "update", side, source.id, JSON.stringify(toSource), attemptOf(link)),
    });
  }

  const sourceValuesAfter = hasValues(toSource) ? valuesAfterWrite(values, toSource, sourceAfter, mappings, side, spec.derived) : values;
  const status = !target ? "created" : firstLink ? "linked" : hasValues(plan.toTarget) || hasValues(toSource) ? "updated" : "unchanged";
  const sides = {
    [side]: { id: source.id, values: snapshotOf(keepSynced(sourceValuesAfter, snapshots[side], plan.heldBack), sourceAfter) },
    [targetSide]: { id: written!.id, values: snapshotOf(keepSynced(targetAfter, snapshots[targetSide], plan.heldBack), written!) },
  } as Pick<AppliedSync, "hubspot" | "quickbooks">;
  const writtenChanges: AppliedSync["written"] = {};
  if (!target || hasValues(plan.toTarget)) writtenChanges[targetSide] = changesOf(targetValues, targetAfter, Object.keys(plan.toTarget));
  if (hasValues(toSource)) writtenChanges[side] = changesOf(values, sourceValuesAfter, Object.keys(toSource));
  if (firstLink && target && !writtenChanges[targetSide]) writtenChanges[targetSide] = {};
  await db.transaction(async (tx) =>
    storeApplied(tx, env, { link, side, status, ...sides, label, written: writtenChanges, conflicts: plan.conflicts, failure: mergeFailure(env, plan, side, link) }),
  );
  return { status, linkId: link.id };
}

/** Mapped fields the source left empty that the provider filled on the new counterpart, where the sync may write the source. */
export function filledByProvider(env: ObjectEnv, side: Side, values: Values, created: Values): Values {
  const filled: Values = {};
  for (const mapping of env.mappings) {
    const key = mapping.key;
    if (env.spec.derived?.includes(key)) continue;
    if (!(key in values) || (values[key] ?? null) !== null || (created[key] ?? null) === null) continue;
    if (writable(side, env.config.direction, mapping)) filled[key] = created[key]!;
  }
  return filled;
}

/**
 * Per source record, the filled values whose fields it still leaves empty, read again just before
 * they are written back: a create takes a while (its customer, its lines' products), and a user
 * may have filled the field meanwhile; HubSpot has no conditional write, so that edit would be
 * overwritten. A field the user filled keeps the user's value; its notification then copies it over.
 */
export async function stillEmpty(env: ObjectEnv, side: Side, filled: Map<string, Values>): Promise<Map<string, Values>> {
  const ids = [...filled].filter(([, values]) => hasValues(values)).map(([id]) => id);
  const empty = new Map<string, Values>();
  if (ids.length === 0) return empty;
  for (const fresh of await env.adapters[side].readMany(ids)) {
    const now = projectFor(env, fresh, side);
    empty.set(fresh.id, Object.fromEntries(Object.entries(filled.get(fresh.id) ?? {}).filter(([key]) => (now[key] ?? null) === null)));
  }
  return empty;
}

async function createCounterpart(env: ObjectEnv, side: Side, source: SideRecord, values: Values, toTarget: Values, link: RecordLink): Promise<SideRecord> {
  const { db, orgId } = env.ctx;
  const targetSide = other(side);
  const adapter = env.adapters[targetSide];
  // Stored at once: the notification of this create, or a retry after a crash, must find the link.
  const storeId = async (id: string) => {
    await db.update(recordLinks).set({ [idColumn(targetSide)]: id, counterpartCreated: true }).where(eq(recordLinks.id, link.id));
  };
  const input = {
    traceId: link.id,
    fields: await fieldsFor(env, targetSide, toTarget, source),
    counterpartId: source.id,
    requestKey: requestIdFor(orgId, env.spec.object, "create", side, source.id, attemptOf(link)),
    onCreated: storeId,
  };
  const created = await adapter.create(input, env.spec.createOptions?.(targetSide, values, env.config));
  await storeId(created.id);
  return created;
}
