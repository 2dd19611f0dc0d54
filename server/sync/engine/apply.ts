import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { recordLinks, syncActivity } from "../../db/schema";
import { SyncError, type SyncErrorCode } from "../errors";
import { findLink, recordActivity, markSynced, type RecordLink, type Side } from "../links";
import type { FieldMapping } from "../mappings/types";
import type { MergeResult } from "./merge";
import type { ObjectEnv } from "./object-env";
import { pathOn, project } from "./project";
import { normalize, sameUnder, type SideRecord, type ValueRules, type Values } from "./values";

export const idColumn = (side: Side): "hubspotId" | "quickbooksId" => (side === "hubspot" ? "hubspotId" : "quickbooksId");
export const sideName = (side: Side) => (side === "hubspot" ? "HubSpot" : "QuickBooks");

/**
 * True when every value the snapshot knows is unchanged (fields of a new mapping don't count),
 * compared as the merge compares them: a line part switched off is no change.
 */
export function unchangedSince(values: Values, snapshot: Record<string, unknown> | null | undefined, rules: ValueRules): boolean {
  if (!snapshot) return false;
  return Object.keys(values).every((key) => !(key in snapshot) || sameUnder(rules, key, values[key], snapshot[key] as Values[string]));
}

/**
 * Whether the record holds a value under a key its snapshot doesn't know (a mapping added since it
 * last synced). A notification of such a record can't be told from an echo by the snapshot alone,
 * so it is merged (which fills gaps and never empties a field) rather than dropped as unchanged.
 */
export function fillsNewMapping(values: Values, snapshot: Record<string, unknown> | null | undefined): boolean {
  if (!snapshot) return false;
  return Object.keys(values).some((key) => !(key in snapshot) && (values[key] ?? null) !== null);
}

/** Where a snapshot keeps the version of the record it was taken from (not a mapped field). */
export const SEEN_KEY = "$seen";

/** A record's version marker: QuickBooks' SyncToken, else its last-modified time. */
export const versionOf = (record: SideRecord): string | null => record.version ?? record.updatedAt ?? null;

/** A snapshot of values together with the version of the record they were read from. */
export const snapshotOf = (values: Values, record: SideRecord): Values => ({ ...values, [SEEN_KEY]: versionOf(record) });

/** The version of the record a link's snapshot of `side` was taken from, if known. */
export function seenVersion(link: RecordLink | undefined, side: Side): string | null {
  const seen = (side === "hubspot" ? link?.hubspotSnapshot : link?.quickbooksSnapshot)?.[SEEN_KEY];
  return typeof seen === "string" ? seen : null;
}

/**
 * Whether the record changed since its snapshot was taken. A notification about the version
 * already synced (queued while an initial sync ran, say) is not a change: a field of a mapping
 * added since is then left for a resync instead of rewriting a record nobody touched.
 */
export function changedSinceSnapshot(record: SideRecord, snapshot: Record<string, unknown> | null | undefined): boolean {
  const seen = snapshot?.[SEEN_KEY];
  return seen === undefined || seen === null || seen !== versionOf(record);
}

/** The record holds nothing new for Tandem: its mapped values are as last synced, or it is the version synced. */
export function nothingNew(values: Values, snapshot: Record<string, unknown> | null | undefined, record: SideRecord, rules: ValueRules): boolean {
  return unchangedSince(values, snapshot, rules) && (!fillsNewMapping(values, snapshot) || !changedSinceSnapshot(record, snapshot));
}

/**
 * Part of every idempotency key: the same attempt (replayed after a crash) repeats its key, but a
 * new attempt after a recorded failure gets a fresh one (a provider may answer a repeated key
 * with the stored failure).
 */
export const attemptOf = (link: RecordLink) => new Date(link.updatedAt).toISOString();

export const hasValues = (values: Values) => Object.keys(values).length > 0;

/**
 * The values a side holds after a write, as its snapshot: for the fields written, what the
 * provider answered (its own normalisation) or else what was written; for the others, what was
 * read before the write — an edit someone made meanwhile must still look like a change later,
 * not be taken into the snapshot unsynced. A new record takes what the provider answered.
 */
export function valuesAfterWrite(
  before: Values | null,
  written: Values,
  response: SideRecord,
  mappings: FieldMapping[],
  side: Side,
  /** Fields the provider computes from those written (an invoice's total): as answered. */
  derived: readonly string[] = [],
): Values {
  const answered = project(response, mappings, side);
  const values: Values = {};
  for (const mapping of mappings) {
    const key = mapping.key;
    const inResponse = pathOn(mapping, side) in response.fields;
    if (derived.includes(key) && inResponse) values[key] = answered[key] ?? null;
    else if (key in written) values[key] = inResponse ? (answered[key] ?? null) : normalize(mapping.kind, written[key]);
    else if (before) values[key] = before[key] ?? null;
    else values[key] = inResponse ? (answered[key] ?? null) : null;
  }
  return values;
}

/** The values with the held-back keys as last synced, so a difference not copied is still seen as one next time. */
export function keepSynced(values: Values, snapshot: Values | null, heldBack: string[]): Values {
  if (!snapshot || heldBack.length === 0) return values;
  const kept = { ...values };
  for (const key of heldBack) if (key in snapshot) kept[key] = snapshot[key] ?? null;
  return kept;
}

export function changesOf(before: Values | null, after: Values, keys: string[]) {
  return Object.fromEntries(keys.map((key) => [key, { before: before?.[key] ?? null, after: after[key] ?? null }]));
}

function labels(env: ObjectEnv, keys: string[]): string {
  return keys.map((key) => env.mappings.find((m) => m.key === key)?.label ?? key).join(", ");
}

/** The failure a merge leaves on a record whose sides still differ on purpose, if any. */
export function mergeFailure(env: ObjectEnv, plan: MergeResult, side: Side, link: Pick<RecordLink, "errorCode" | "errorDetail">): { code: SyncErrorCode; detail: string } | undefined {
  if (plan.ownershipViolations.length) {
    // A total QuickBooks computed otherwise (its tax per rate), already explained as such, is no outside edit.
    const onlyComputed = plan.ownershipViolations.every((key) => env.spec.derived?.includes(key));
    if (onlyComputed && link.errorCode === "TAX_TOTAL_MISMATCH") return { code: "TAX_TOTAL_MISMATCH", detail: link.errorDetail ?? "" };
    return { code: "EDITED_OUTSIDE_HUBSPOT", detail: `Changed in QuickBooks: ${labels(env, plan.ownershipViolations)}.` };
  }
  if (plan.outOfStep.length) {
    const receiving = env.config.direction === "to_hubspot" ? "hubspot" : env.config.direction === "to_quickbooks" ? "quickbooks" : side;
    return { code: "ONE_WAY_EDIT", detail: `Changed in ${sideName(receiving)}, which this sync doesn't copy from: ${labels(env, plan.outOfStep)}.` };
  }
  return undefined;
}

/**
 * A matched record may already have a link of its own (excluded, failed, or waiting): the record
 * joins that link, bringing its activity, rather than a second link claiming the same record. A
 * match already synced with another record is a double match.
 */
export async function joinMatchedLink(
  db: Queryable,
  env: ObjectEnv,
  link: RecordLink | undefined,
  side: Side,
  id: string,
  targetSide: Side,
  matchedId: string,
  /** Locks the holder's link before it is read and joined, when other syncs may be writing it. */
  lockHolder?: (holderId: string) => Promise<void>,
): Promise<RecordLink | undefined> {
  const holderOf = () => findLink(db, env.ctx.orgId, env.spec.object, targetSide, matchedId);
  let holder = await holderOf();
  while (lockHolder && holder && holder.id !== link?.id) {
    await lockHolder(holder.id);
    const locked = holder.id;
    holder = await holderOf();
    if (holder?.id === locked) break;
  }
  if (!holder || holder.id === link?.id) return link;
  const holderId = holder[idColumn(side)];
  if (holderId && holderId !== id) {
    throw new SyncError(
      "DUPLICATE_MATCH",
      `The ${sideName(targetSide)} ${env.spec.noun} ${matchedId} is already synced with “${holder.label ?? holderId}”.`,
    );
  }
  if (link) {
    await db.update(syncActivity).set({ linkId: holder.id }).where(eq(syncActivity.linkId, link.id));
    await db.delete(recordLinks).where(eq(recordLinks.id, link.id));
  }
  await db.update(recordLinks).set({ [idColumn(side)]: id }).where(eq(recordLinks.id, holder.id));
  return { ...holder, [idColumn(side)]: id };
}

export interface AppliedSync {
  link: RecordLink;
  side: Side;
  status: "created" | "updated" | "linked" | "unchanged";
  hubspot: { id: string; values: Values };
  quickbooks: { id: string; values: Values };
  label: string;
  /** Per written side, the fields changed (before → after). */
  written: Partial<Record<Side, Record<string, { before: unknown; after: unknown }>>>;
  conflicts: string[];
  failure?: { code: SyncErrorCode; detail: string };
}

/** Stores the outcome of a sync: the link with both snapshots, and what happened, in one transaction. */
export async function storeApplied(db: Queryable, env: ObjectEnv, applied: AppliedSync): Promise<void> {
  const { link } = applied;
  await markSynced(
    db,
    link,
    {
      hubspotId: applied.hubspot.id,
      quickbooksId: applied.quickbooks.id,
      hubspotSnapshot: applied.hubspot.values,
      quickbooksSnapshot: applied.quickbooks.values,
      mappingVersion: env.mappingVersion,
      label: applied.label,
    },
    applied.failure,
  );
  const winner = env.config.conflictWinner === "hubspot" ? "HubSpot" : "QuickBooks";
  const conflictNote = applied.conflicts.length
    ? `Changed on both sides since the last sync; ${winner}'s data won for ${labels(env, applied.conflicts)}, as configured.`
    : undefined;
  for (const target of ["hubspot", "quickbooks"] as const) {
    const changes = applied.written[target];
    if (!changes) continue;
    const action = applied.conflicts.length ? "conflict_resolved" : target === applied.side ? "updated" : applied.status;
    await recordActivity(db, link, { target, action, changes, message: conflictNote, runId: env.ctx.runId });
  }
  if (applied.failure && link.errorCode !== applied.failure.code) {
    const target = applied.side === "hubspot" ? "quickbooks" : "hubspot";
    await recordActivity(db, link, { target, action: "out_of_step", errorCode: applied.failure.code, message: applied.failure.detail, runId: env.ctx.runId });
  }
}
