import type { Database } from "../../db/client";
import type { SyncObject } from "../../db/schema";
import { idColumn } from "../engine/apply";
import type { DateRange } from "../engine/adapter";
import { exclusionReason } from "../engine/filters";
import { matchKeyOf } from "../engine/match";
import { other } from "../engine/merge";
import { loadObjectEnv, type ObjectEnv } from "../engine/object-env";
import type { SideRecord } from "../engine/values";
import { linksByRecordId } from "../links";
import { backfillEnv, sourceSideOf, type BackfillDirection } from "./scope";
import { assertBackfillable } from "./rules";

export type BackfillAction = "create" | "link" | "unchanged" | "exclude" | "fail";

export interface BackfillPreviewItem {
  action: BackfillAction;
  id: string;
  label: string;
  /** The invoice it links to on the other side (same number), or is already synced with. */
  counterpartId: string | null;
  reason: string | null;
}

export interface BackfillPreview {
  /** Records dated in the range on the reading side. */
  total: number;
  counts: Record<BackfillAction, number>;
  /** Why records stay out, most first. */
  excludedReasons: Array<{ reason: string; count: number }>;
  items: BackfillPreviewItem[];
  /** More records are dated in the range than were looked at; the counts cover those looked at. */
  truncated: boolean;
}

const PREVIEW_PAGE = 100;

/**
 * What a backfill of the range would do now, from reads only: which invoices it would create on
 * the other side, link to an existing one with the same number, leave alone (already synced),
 * leave out (and why) or fail. Nothing is written to either provider or to the links.
 */
export async function previewBackfill(
  db: Database,
  orgId: string,
  object: SyncObject,
  direction: BackfillDirection,
  range: DateRange,
  options: { maxRecords?: number; maxItems?: number } = {},
): Promise<BackfillPreview> {
  const maxRecords = options.maxRecords ?? 10_000;
  const maxItems = options.maxItems ?? 100;
  const env = backfillEnv(await loadObjectEnv(db, orgId, object), direction);
  const pageByDate = assertBackfillable(env, direction);
  const preview: BackfillPreview = { total: 0, counts: { create: 0, link: 0, unchanged: 0, exclude: 0, fail: 0 }, excludedReasons: [], items: [], truncated: false };
  const reasons = new Map<string, number>();
  const claimed = new Map<string, string>();
  const add = (item: BackfillPreviewItem) => {
    preview.counts[item.action]++;
    if (item.action === "exclude") reasons.set(item.reason!, (reasons.get(item.reason!) ?? 0) + 1);
    if (preview.items.length < maxItems) preview.items.push(item);
  };
  for (let cursor: string | null = null; ; ) {
    const page = await pageByDate(range, cursor, PREVIEW_PAGE, { full: false });
    preview.total += page.records.length;
    await previewPage(env, direction, page.records, claimed, add);
    cursor = page.next;
    if (!cursor) break;
    if (preview.total >= maxRecords) {
      preview.truncated = true;
      break;
    }
  }
  preview.excludedReasons = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
  return preview;
}

async function previewPage(
  env: ObjectEnv,
  direction: BackfillDirection,
  records: SideRecord[],
  claimed: Map<string, string>,
  add: (item: BackfillPreviewItem) => void,
) {
  const { db, orgId } = env.ctx;
  const { spec } = env;
  const side = sourceSideOf(direction);
  const targetSide = other(side);
  const ids = records.map((r) => r.id);
  const links = await linksByRecordId(db, orgId, spec.object, side, ids);
  const open = records.filter((r) => !links.get(r.id)?.[idColumn(targetSide)]);
  const keys = [...new Set(open.map((r) => matchKeyOf(spec, r, side)).filter((k): k is string => Boolean(k)))];
  const matched = await env.adapters[targetSide].findByMatch(keys);
  const matchedIds = [...matched.values()].map((r) => r.id);
  const holders = await linksByRecordId(db, orgId, spec.object, targetSide, matchedIds);

  for (const record of records) {
    const key = matchKeyOf(spec, record, side);
    const base = { id: record.id, label: spec.label(record, side, {}), counterpartId: null, reason: null };
    const link = links.get(record.id);
    const linkedId = link?.[idColumn(targetSide)];
    if (linkedId) {
      add({ ...base, action: "unchanged", counterpartId: linkedId });
      continue;
    }
    const reason = spec.exclusion(record, side, key, false) ?? exclusionReason(record, env.filters[direction]);
    if (reason) {
      add({ ...base, action: "exclude", reason });
      continue;
    }
    if (key && claimed.has(key)) {
      add({ ...base, action: "fail", reason: `“${claimed.get(key)}” has the same invoice number and is backfilled first.` });
      continue;
    }
    if (key) claimed.set(key, base.label);
    const target = key ? matched.get(key) : undefined;
    if (!target) {
      add({ ...base, action: "create" });
      continue;
    }
    const holder = holders.get(target.id);
    const holderSource = holder?.[idColumn(side)];
    if (holderSource && holderSource !== record.id) {
      add({ ...base, action: "fail", counterpartId: target.id, reason: `The invoice with its number is already synced with “${holder!.label ?? holderSource}”.` });
      continue;
    }
    add({ ...base, action: "link", counterpartId: target.id });
  }
}
