import type { Database } from "../../db/client";
import type { SyncObject } from "../../db/schema";
import { linksByRecordId, type Side } from "../links";
import { idColumn, unchangedSince } from "./apply";
import { exclusionOf } from "./exclusion";
import { initialSyncSides, PAGE_SIZE } from "./initial-sync";
import { matchKeyOf } from "./match";
import { merge, other } from "./merge";
import { specFor } from "../objects/registry";
import { presentValue } from "../status/present-values";
import { loadObjectEnv, type ObjectEnv } from "./object-env";
import { projectFor, sendsTo } from "./sync-one";
import type { SideRecord, Values } from "./values";
import { describeError, type DescribedError } from "../status/describe";
import { previewChildren } from "./preview-children";
import type { PlannedCreate, PreviewMemory } from "../objects/types";

export type PreviewAction = "create" | "link" | "update" | "unchanged" | "exclude" | "fail";

export interface PreviewItem {
  action: PreviewAction;
  /** The side the record is read from. */
  side: Side;
  id: string;
  label: string;
  /** The record it links to or updates on the other side. */
  counterpartId: string | null;
  /** Per field, what the written side holds before and after (both sides, for a two-way merge; an invoice's lines as readable rows). */
  changes: Array<{ field: string; label: string; side: Side; before: unknown; after: unknown }>;
  reason: string | null;
  /** For a record that would fail: the error its sync would record, in the catalogue's words. */
  error: DescribedError | null;
}

export interface Preview {
  /** Per action, the records read that it applies to. */
  counts: Record<PreviewAction, number>;
  /** The records read, except those already the same on both sides, up to `maxItems`. */
  items: PreviewItem[];
  /** How many records were read. */
  read: number;
  /** Every record was read, so the counts are the whole of the first sync; false when it stopped at `maxRecords`. */
  countsComplete: boolean;
  /** `items` holds every record the counts name (other than unchanged ones); false when it stopped at `maxItems`. */
  listComplete: boolean;
}

const label = (env: ObjectEnv, key: string) => env.mappings.find((m) => m.key === key)?.label ?? key;

/**
 * What an initial sync of the object would do now, computed from reads only: which records it
 * would link (and which fields that changes, before → after), create, leave out and why, or fail.
 * Nothing is written to either provider or to the links.
 */
export async function previewInitialSync(
  db: Database,
  orgId: string,
  object: SyncObject,
  options: { maxRecords?: number; maxItems?: number; pageSize?: number } = {},
): Promise<Preview> {
  const maxRecords = options.maxRecords ?? 2_000;
  const maxItems = options.maxItems ?? 200;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const preview: Preview = { counts: { create: 0, link: 0, update: 0, unchanged: 0, exclude: 0, fail: 0 }, items: [], read: 0, countsComplete: true, listComplete: true };
  const spec = specFor(object);
  if (!spec) return preview;
  const add = (item: PreviewItem) => {
    preview.counts[item.action]++;
    if (item.action === "unchanged") return;
    if (preview.items.length < maxItems) preview.items.push(item);
    else preview.listComplete = false;
  };
  // Payments have no initial sync of their own: they come with their invoices'.
  if (spec.parent) {
    const parents = await parentsLinkedByFirstSync(db, orgId, spec.parent, { maxRecords, pageSize });
    await previewChildren(db, orgId, spec, parents, {
      add,
      read: (count) => {
        preview.read += count;
        preview.countsComplete = preview.read < maxRecords;
        return preview.countsComplete;
      },
    }, pageSize);
    return preview;
  }
  const env = await loadObjectEnv(db, orgId, object);
  // Records a first pass already paired are not previewed again from the other side.
  const handled = new Set<string>();
  const reads = new Map<string, Promise<unknown>>();
  const memory: PreviewMemory = {
    names: new Map(),
    once: <T>(key: string, load: () => Promise<T>) => {
      if (!reads.has(key)) reads.set(key, load());
      return reads.get(key) as Promise<T>;
    },
  };
  for (const side of initialSyncSides(env.config.direction)) {
    const claimed = new Map<string, string>();
    for (let cursor: string | null = null; ; ) {
      const page = await env.adapters[side].page(cursor, pageSize);
      await previewPage(env, side, page.records.filter((r) => !handled.has(`${side}:${r.id}`)), claimed, handled, memory, add);
      preview.read += page.records.length;
      cursor = page.next;
      if (!cursor) break;
      if (preview.read >= maxRecords) {
        preview.countsComplete = false;
        return preview;
      }
    }
  }
  return preview;
}

/** Per side, the parent records (invoices) the first sync would make or link: each then has its counterpart. */
async function parentsLinkedByFirstSync(db: Database, orgId: string, parent: SyncObject, limits: { maxRecords: number; pageSize: number }): Promise<Record<Side, Set<string>>> {
  const parents = { hubspot: new Set<string>(), quickbooks: new Set<string>() };
  const { items } = await previewInitialSync(db, orgId, parent, { ...limits, maxItems: Number.MAX_SAFE_INTEGER });
  for (const item of items) {
    if (item.action !== "create" && item.action !== "link" && item.action !== "update") continue;
    parents[item.side].add(item.id);
    if (item.counterpartId) parents[other(item.side)].add(item.counterpartId);
  }
  return parents;
}

async function previewPage(
  env: ObjectEnv,
  side: Side,
  records: SideRecord[],
  claimed: Map<string, string>,
  handled: Set<string>,
  memory: PreviewMemory,
  add: (item: PreviewItem) => void,
) {
  const { db, orgId } = env.ctx;
  const { spec } = env;
  const targetSide = other(side);
  const ids = records.map((r) => r.id);
  const links = await linksByRecordId(db, orgId, spec.object, side, ids);
  const linkedIds = [...links.values()].map((l) => l[idColumn(targetSide)]).filter((id): id is string => Boolean(id));
  const linkedTargets = new Map((await env.adapters[targetSide].readMany(linkedIds)).map((r) => [r.id, r]));
  const keys = [...new Set(records.map((r) => matchKeyOf(spec, r, side)).filter((k): k is string => Boolean(k)))];
  const matched = sendsTo(env, targetSide) ? await env.adapters[targetSide].findByMatch(keys) : new Map<string, SideRecord>();
  // Kept in order; the creates are checked together (one lookup per page) for failures known in advance.
  const items: PreviewItem[] = [];
  const creates: PlannedCreate[] = [];

  for (const source of records) {
    const values = projectFor(env, source, side);
    const base: Omit<PreviewItem, "action"> = { side, id: source.id, label: spec.label(source, side, values), counterpartId: null, changes: [], reason: null, error: null };
    const link = links.get(source.id);
    if (link?.state === "synced" && link.hubspotId && link.quickbooksId && unchangedSince(values, side === "hubspot" ? link.hubspotSnapshot : link.quickbooksSnapshot, env.valueRules)) {
      handled.add(`${targetSide}:${link[idColumn(targetSide)]}`);
      items.push({ ...base, action: "unchanged", counterpartId: link[idColumn(targetSide)] });
      continue;
    }
    if (!sendsTo(env, targetSide) && !link) continue;
    const key = matchKeyOf(spec, source, side);
    const reason = exclusionOf(env, source, side, Boolean(link?.hubspotId && link.quickbooksId));
    if (reason) {
      items.push({ ...base, action: "exclude", reason });
      continue;
    }
    const linkedId = link?.[idColumn(targetSide)];
    const target = (linkedId ? linkedTargets.get(linkedId) : undefined) ?? (key ? matched.get(key) : undefined) ?? null;
    const claimKey = target ? `id:${target.id}` : key ? `key:${key}` : null;
    if (claimKey && claimed.has(claimKey)) {
      const detail = `“${claimed.get(claimKey)}” has the same ${spec.match?.label ?? "key"} and is synced first.`;
      items.push({ ...base, action: "fail", reason: `Matched twice: ${detail}`, error: describeError("DUPLICATE_MATCH", detail) });
      continue;
    }
    if (claimKey) claimed.set(claimKey, base.label);
    if (target) handled.add(`${targetSide}:${target.id}`);
    const targetValues = target ? projectFor(env, target, targetSide) : null;
    const firstLink = !linkedId || !target;
    const plan = merge({
      side,
      source: values,
      target: targetValues,
      snapshots: firstLink || !link ? { hubspot: null, quickbooks: null } : { hubspot: link.hubspotSnapshot as Values | null, quickbooks: link.quickbooksSnapshot as Values | null },
      mappings: env.mappings,
      direction: env.config.direction,
      conflictWinner: env.config.conflictWinner,
      derived: env.spec.derived,
      valueRules: env.valueRules,
    });
    const currency = typeof values.currency === "string" ? values.currency : null;
    const shown = (field: string, value: unknown) => presentValue(field, value ?? null, currency);
    const changes = [
      ...Object.entries(plan.toTarget).map(([field, after]) => ({ field, label: label(env, field), side: targetSide, before: shown(field, targetValues?.[field]), after: shown(field, after) })),
      ...Object.entries(plan.toSource).map(([field, after]) => ({ field, label: label(env, field), side, before: shown(field, values[field]), after: shown(field, after) })),
    ];
    const action: PreviewAction = !target ? "create" : firstLink ? "link" : changes.length ? "update" : "unchanged";
    if (action === "create") creates.push({ source, values, toTarget: plan.toTarget });
    items.push({ ...base, action, counterpartId: target?.id ?? null, changes });
  }
  const failures = creates.length && spec.predictFailures ? await spec.predictFailures(env, side, creates, memory) : new Map<string, never>();
  for (const item of items) {
    const failure = item.action === "create" ? failures.get(item.id) : undefined;
    add(failure ? { ...item, action: "fail", changes: [], reason: failure.message, error: describeError(failure.code, failure.detail ?? null) } : item);
  }
}
