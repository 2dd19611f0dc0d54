import { and, asc, desc, eq } from "drizzle-orm";
import type { Database, Queryable } from "../../db/client";
import { syncFilters, type FilterCondition, type SyncObject } from "../../db/schema";
import { loadSyncConfig } from "../config";
import type { CatalogueLoader } from "../mappings/edit";
import { storeFixedFilters } from "./fixed";
import { validateConditions } from "./validate";

export type SyncFilter = typeof syncFilters.$inferSelect;
export type FilterDirection = SyncFilter["direction"];
type Match = SyncFilter["match"];

/** No filter with this id in the org. */
export class FilterNotFoundError extends Error {
  constructor() {
    super("This filter doesn't exist (any more).");
    this.name = "FilterNotFoundError";
  }
}

/** A fixed rule of the sync (stored locked with its reason): it can be read, never changed. */
export class LockedFilterError extends Error {
  readonly clientDetails: { locked: true; reason: string | null };
  constructor(reason: string | null) {
    super(`This filter is part of the sync and can't be changed${reason ? `: ${reason}` : "."}`);
    this.name = "LockedFilterError";
    this.clientDetails = { locked: true, reason };
  }
}

/**
 * A filter looks at the records going one way, so at the fields of the side they come from:
 * HubSpot properties for records going to QuickBooks, QuickBooks fields for records going to HubSpot.
 */
async function checkedConditions(loadCatalogue: CatalogueLoader, object: SyncObject, direction: FilterDirection, conditions: FilterCondition[]) {
  const catalogue = await loadCatalogue(object, "");
  return direction === "to_quickbooks"
    ? validateConditions(conditions, catalogue.hubspot, "HubSpot")
    : validateConditions(conditions, catalogue.quickbooks, "QuickBooks");
}

/** The object's filters, the sync's fixed rules (stored locked) first in each direction. */
export async function listFilters(db: Queryable, orgId: string, object: SyncObject): Promise<SyncFilter[]> {
  await storeFixedFilters(db, orgId, object, await loadSyncConfig(db, orgId, object));
  return db
    .select()
    .from(syncFilters)
    .where(and(eq(syncFilters.orgId, orgId), eq(syncFilters.object, object)))
    .orderBy(asc(syncFilters.direction), desc(syncFilters.locked), asc(syncFilters.createdAt), asc(syncFilters.id));
}

export interface NewFilter {
  object: SyncObject;
  direction: FilterDirection;
  match: Match;
  conditions: FilterCondition[];
  label?: string | null;
}

/** Adds an editable filter group; fixed (locked) ones are the sync's own and never made here. */
export async function createFilter(db: Database, orgId: string, input: NewFilter, loadCatalogue: CatalogueLoader): Promise<SyncFilter> {
  const conditions = await checkedConditions(loadCatalogue, input.object, input.direction, input.conditions);
  const [filter] = await db
    .insert(syncFilters)
    .values({ orgId, object: input.object, direction: input.direction, match: input.match, conditions, label: input.label?.trim() || conditionLabel(conditions) })
    .returning();
  return filter!;
}

async function editableFilter(db: Queryable, orgId: string, id: string): Promise<SyncFilter> {
  const [filter] = await db
    .select()
    .from(syncFilters)
    .where(and(eq(syncFilters.orgId, orgId), eq(syncFilters.id, id)));
  if (!filter) throw new FilterNotFoundError();
  if (filter.locked) throw new LockedFilterError(filter.reason);
  return filter;
}

export interface FilterPatch {
  match?: Match;
  conditions?: FilterCondition[];
  label?: string | null;
}

export async function updateFilter(db: Database, orgId: string, id: string, patch: FilterPatch, loadCatalogue: CatalogueLoader): Promise<SyncFilter> {
  const current = await editableFilter(db, orgId, id);
  const conditions = patch.conditions ? await checkedConditions(loadCatalogue, current.object, current.direction, patch.conditions) : current.conditions;
  const label = patch.label !== undefined ? patch.label?.trim() || null : followsConditions(current) ? conditionLabel(conditions) : current.label;
  // `locked = false` in the update too: a filter locked meanwhile stays untouched.
  const [filter] = await db
    .update(syncFilters)
    .set({ match: patch.match ?? current.match, conditions, label })
    .where(and(eq(syncFilters.orgId, orgId), eq(syncFilters.id, id), eq(syncFilters.locked, false)))
    .returning();
  if (!filter) throw new FilterNotFoundError();
  return filter;
}

/** The label Tandem gives a filter of one condition it can name ("Created after 2026-11-29"); null for others. */
export function conditionLabel(conditions: FilterCondition[]): string | null {
  const [only, ...more] = conditions;
  if (!only || more.length > 0 || only.field !== "createdAt" || only.operator !== "gt" || !only.value) return null;
  return `Created after ${only.value}`;
}

/** The label is Tandem's own, not the user's, so a changed condition renames it. */
function followsConditions(filter: SyncFilter): boolean {
  return filter.label === null || filter.label === conditionLabel(filter.conditions);
}

export async function deleteFilter(db: Database, orgId: string, id: string): Promise<SyncFilter> {
  const filter = await editableFilter(db, orgId, id);
  await db.delete(syncFilters).where(and(eq(syncFilters.orgId, orgId), eq(syncFilters.id, id), eq(syncFilters.locked, false)));
  return filter;
}

/**
 * The recommended inbound filter: only QuickBooks records created after today come to HubSpot,
 * so switching a sync on doesn't copy the company's history. Today is the UTC date. Asking twice
 * returns the filter made the first time.
 */
export async function addCreatedAfterToday(db: Database, orgId: string, object: SyncObject, now = new Date()): Promise<{ filter: SyncFilter; created: boolean }> {
  const condition: FilterCondition = { field: "createdAt", operator: "gt", value: now.toISOString().slice(0, 10) };
  const existing = (await listFilters(db, orgId, object)).find(
    (f) =>
      f.direction === "to_hubspot" &&
      f.conditions.length === 1 &&
      f.conditions[0]!.field === condition.field &&
      f.conditions[0]!.operator === condition.operator &&
      f.conditions[0]!.value === condition.value,
  );
  if (existing) return { filter: existing, created: false };
  const [filter] = await db
    .insert(syncFilters)
    .values({ orgId, object, direction: "to_hubspot", match: "all", conditions: [condition], label: conditionLabel([condition]) })
    .returning();
  return { filter: filter!, created: true };
}
