import { and, asc, eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { fieldMappings, syncConfigs, type SyncObject } from "../../db/schema";
import { DEFAULT_MAPPINGS } from "./defaults";
import type { MappingSet } from "./types";

/** Seeds the object's default mappings the org doesn't have yet (all on first use, later a newly added default). */
export async function seedDefaultMappings(db: Queryable, orgId: string, object: SyncObject): Promise<void> {
  const defaults = DEFAULT_MAPPINGS[object];
  if (defaults.length === 0) return;
  await db
    .insert(fieldMappings)
    .values(defaults.map(({ fixedDirection: _fixed, alwaysOn: _on, whenOff: _off, ...d }) => ({ orgId, object, isDefault: true, collection: "", direction: "both" as const, ...d })))
    .onConflictDoNothing();
}

const lacksADefault = (object: SyncObject, mappings: MappingSet["mappings"]) =>
  DEFAULT_MAPPINGS[object].some((d) => !mappings.some((m) => m.isDefault && m.key === d.key && m.collection === (d.collection ?? "")));

/** The object's mappings (defaults seeded on first use, and any default added since) and the version they are at. */
export async function loadMappingSet(db: Queryable, orgId: string, object: SyncObject): Promise<MappingSet> {
  const mappings = await db
    .select()
    .from(fieldMappings)
    .where(and(eq(fieldMappings.orgId, orgId), eq(fieldMappings.object, object)))
    .orderBy(asc(fieldMappings.createdAt), asc(fieldMappings.key));
  if (lacksADefault(object, mappings)) {
    await seedDefaultMappings(db, orgId, object);
    return loadMappingSet(db, orgId, object);
  }
  const [config] = await db
    .select({ version: syncConfigs.mappingVersion })
    .from(syncConfigs)
    .where(and(eq(syncConfigs.orgId, orgId), eq(syncConfigs.object, object)));
  return { version: config?.version ?? 1, mappings };
}

/** Records that the object's mappings changed: links synced under an older version are told apart. */
export async function bumpMappingVersion(db: Queryable, orgId: string, object: SyncObject): Promise<number> {
  const [row] = await db
    .update(syncConfigs)
    .set({ mappingVersion: sql`${syncConfigs.mappingVersion} + 1`, updatedAt: sql`now()` })
    .where(and(eq(syncConfigs.orgId, orgId), eq(syncConfigs.object, object)))
    .returning({ version: syncConfigs.mappingVersion });
  return row?.version ?? 1;
}
