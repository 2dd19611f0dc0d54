import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { syncFilters, type SyncObject } from "../../db/schema";
import { loadSyncConfig, type SyncConfig } from "../config";
import type { SyncContext } from "../context";
import { storeFixedFilters } from "../filters/fixed";
import { loadMappingSet } from "../mappings/store";
import type { FieldMapping } from "../mappings/types";
import { specFor } from "../objects/registry";
import type { ObjectSpec, SideAdapters } from "../objects/types";
import { createSyncContext, type ProviderTransport } from "../org-context";
import type { FilterGroup } from "./filters";
import type { ValueRule } from "./values";

/** Everything a sync of one object of one org needs, read once per run. */
export interface ObjectEnv {
  ctx: SyncContext;
  spec: ObjectSpec;
  config: SyncConfig;
  mappingVersion: number;
  /** The enabled mappings of the record itself (not of child collections). */
  mappings: FieldMapping[];
  /** Fields compared and written by a rule of their own (an invoice's lines, by its line mappings). */
  valueRules: Readonly<Record<string, ValueRule>>;
  /** Per direction the records go: the stored fixed (locked) groups first, then the user's. */
  filters: { to_quickbooks: FilterGroup[]; to_hubspot: FilterGroup[] };
  adapters: SideAdapters;
}

const SPECIAL_FIELDS = new Set(["createdAt", "updatedAt"]);

function describe(conditions: FilterGroup["conditions"]): string {
  return conditions.map((c) => `${c.field} ${c.operator.replaceAll("_", " ")}${c.value ? ` ${c.value}` : ""}`).join(", ");
}

/** The object's stored filter groups per direction, the locked ones (the sync's fixed rules) first. */
export async function loadFilters(db: Database, orgId: string, object: SyncObject) {
  const rows = await db
    .select()
    .from(syncFilters)
    .where(and(eq(syncFilters.orgId, orgId), eq(syncFilters.object, object)))
    .orderBy(desc(syncFilters.locked), asc(syncFilters.createdAt), asc(syncFilters.id));
  const groups = { to_quickbooks: [] as FilterGroup[], to_hubspot: [] as FilterGroup[] };
  for (const row of rows) {
    groups[row.direction].push({
      match: row.match,
      conditions: row.conditions,
      reason: row.reason ?? `Left out by the filter “${row.label ?? describe(row.conditions)}”`,
    });
  }
  return groups;
}

export async function loadObjectEnv(
  db: Database,
  orgId: string,
  object: SyncObject,
  options: { runId?: string; transport?: ProviderTransport; ctx?: SyncContext } = {},
): Promise<ObjectEnv> {
  const spec = specFor(object);
  if (!spec) throw new Error(`${object} don't sync yet`);
  const [config, mappingSet] = await Promise.all([loadSyncConfig(db, orgId, object), loadMappingSet(db, orgId, object)]);
  await storeFixedFilters(db, orgId, object, config);
  const filters = await loadFilters(db, orgId, object);
  const ctx = options.ctx ?? (await createSyncContext(db, orgId, options.transport, options.runId));
  const mappings = [...mappingSet.mappings.filter((m) => m.enabled && m.collection === ""), ...(spec.systemMappings?.() ?? [])];
  const filterFields = (groups: FilterGroup[]) => groups.flatMap((g) => g.conditions.map((c) => c.field)).filter((f) => !SPECIAL_FIELDS.has(f));
  const adapters = spec.adapters(
    ctx,
    {
    hubspot: [...new Set([...mappings.map((m) => m.hubspotProperty), ...filterFields(filters.to_quickbooks)])],
      quickbooks: [...new Set([...mappings.map((m) => m.quickbooksPath), ...filterFields(filters.to_hubspot)])],
    },
    config,
  );
  const valueRules = spec.valueRules?.(mappingSet.mappings.filter((m) => m.collection !== "")) ?? {};
  return { ctx: { ...ctx, runId: options.runId ?? ctx.runId }, spec, config, mappingVersion: mappingSet.version, mappings, valueRules, filters, adapters };
}
