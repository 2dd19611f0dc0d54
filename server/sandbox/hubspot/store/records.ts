import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { SandboxExecutor } from "./db";
import { customProperties, objects } from "./schema";
import { notFound } from "../domain/errors";
import { ALWAYS_RETURNED, builtInProperties, DEFAULT_READ_PROPERTIES, type PropertyDefinition } from "../domain/properties";
import type { ObjectType } from "../domain/object-types";

export type ObjectRow = typeof objects.$inferSelect;

/** A record as the v3 objects API returns it. */
export interface PublicRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
}

export function toPublicRecord(row: ObjectRow, requested: string[] | null): PublicRecord {
  const always = ALWAYS_RETURNED[row.objectType as ObjectType];
  const names = requested?.length ? [...new Set([...requested, ...always])] : [...new Set([...DEFAULT_READ_PROPERTIES[row.objectType as ObjectType], ...always])];
  const properties: Record<string, string | null> = {};
  for (const name of names) {
    const value = row.properties[name];
    // Real HubSpot: a requested property that has no value comes back as null.
    if (value !== undefined && value !== "") properties[name] = value;
    else if (requested?.includes(name)) properties[name] = null;
  }
  return {
    id: String(row.id),
    properties,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    archived: row.archived,
    ...(row.archivedAt ? { archivedAt: row.archivedAt.toISOString() } : {}),
  };
}

/** Built-in and custom property definitions of an object type in an account. */
export async function propertyDefinitions(db: SandboxExecutor, accountId: number, type: ObjectType): Promise<PropertyDefinition[]> {
  const custom = await db
    .select({ definition: customProperties.definition })
    .from(customProperties)
    .where(and(eq(customProperties.accountId, accountId), eq(customProperties.objectType, type)))
    .orderBy(asc(customProperties.name));
  return [...builtInProperties(type), ...custom.map((c) => c.definition)];
}

export async function findRecord(db: SandboxExecutor, accountId: number, type: ObjectType, id: number, opts: { archived?: boolean; lock?: boolean } = {}) {
  if (!Number.isSafeInteger(id)) return undefined;
  const query = db
    .select()
    .from(objects)
    .where(and(eq(objects.accountId, accountId), eq(objects.objectType, type), eq(objects.id, id), eq(objects.archived, opts.archived ?? false)));
  const rows = opts.lock ? await query.for("update") : await query;
  return rows[0];
}

export async function requireRecord(db: SandboxExecutor, accountId: number, type: ObjectType, id: number, lock = false): Promise<ObjectRow> {
  const row = await findRecord(db, accountId, type, id, { lock });
  if (!row) throw notFound(`Object not found.  objectId are usually numeric.`);
  return row;
}

/** Finds by a unique property (`idProperty`), e.g. a contact by email (case-insensitive) or a product by SKU. */
export async function findByProperty(db: SandboxExecutor, accountId: number, type: ObjectType, property: string, value: string) {
  const rows = await db
    .select()
    .from(objects)
    .where(
      and(
        eq(objects.accountId, accountId),
        eq(objects.objectType, type),
        eq(objects.archived, false),
        sql`lower(${objects.properties}->>${property}) = lower(${value})`,
      ),
    )
    .orderBy(asc(objects.id))
    .limit(1);
  return rows[0];
}

export async function listRecords(db: SandboxExecutor, accountId: number, type: ObjectType, opts: { limit: number; after: number; archived: boolean }) {
  return db
    .select()
    .from(objects)
    .where(and(eq(objects.accountId, accountId), eq(objects.objectType, type), eq(objects.archived, opts.archived), gt(objects.id, opts.after)))
    .orderBy(asc(objects.id))
    .limit(opts.limit + 1);
}

export async function recordsByIds(db: SandboxExecutor, accountId: number, type: ObjectType, ids: number[], archived = false) {
  if (!ids.length) return [];
  return db
    .select()
    .from(objects)
    .where(and(eq(objects.accountId, accountId), eq(objects.objectType, type), eq(objects.archived, archived), inArray(objects.id, ids)));
}

/** Every live record of a type, for search (evaluated by the pure search module). */
export async function liveRecords(db: SandboxExecutor, accountId: number, type: ObjectType, createdBefore: Date) {
  return db
    .select()
    .from(objects)
    .where(and(eq(objects.accountId, accountId), eq(objects.objectType, type), eq(objects.archived, false), lte(objects.createdAt, createdBefore)));
}
