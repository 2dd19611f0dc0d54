import { and, asc, eq, gt, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { SandboxExecutor } from "./db";
import { customProperties, objects } from "./schema";
import { notFound } from "../domain/errors";
import { ALWAYS_RETURNED, builtInProperties, DEFAULT_READ_PROPERTIES, type PropertyDefinition } from "../domain/properties";
import type { ObjectType } from "../domain/object-types";
import type { Narrowing } from "../domain/search";

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

/**
 * The conditions of a lookup by a property's value (case-insensitive), written with literals so
 * that every plan (postgres-js prepares statements; generic plans don't see parameters) can use
 * the expression index: a contact's email has the partial unique index `objects_contact_email_uq`.
 * `value` must not be empty for contacts' email (that index leaves empty emails out).
 */
function propertyLookup(accountId: number, type: ObjectType, property: string, lowered: SQL) {
  const name = /^[A-Za-z0-9_]+$/.test(property) ? sql.raw(`'${property}'`) : sql`${property}`;
  const conditions = [
    eq(objects.accountId, accountId),
    /^[a-z_]+$/.test(type) ? sql`${objects.objectType} = ${sql.raw(`'${type}'`)}` : eq(objects.objectType, type),
    sql`not ${objects.archived}`,
    sql`lower(${objects.properties}->>${name}) = ${lowered}`,
  ];
  if (type === "contacts" && property === "email") conditions.push(sql`coalesce(${objects.properties}->>'email', '') <> ''`);
  return and(...conditions);
}

/** Finds by a unique property (`idProperty`), e.g. a contact by email (case-insensitive) or a product by SKU. */
export async function findByProperty(db: SandboxExecutor, accountId: number, type: ObjectType, property: string, value: string) {
  return (await findManyByProperty(db, accountId, type, property, [value])).get(value);
}

/**
 * `findByProperty` for many values in one query per kind of value: each value that matches maps
 * to its record (the lowest id when several match, as `findByProperty`).
 */
export async function findManyByProperty(db: SandboxExecutor, accountId: number, type: ObjectType, property: string, values: string[]): Promise<Map<string, ObjectRow>> {
  const found = new Map<string, ObjectRow>();
  const distinct = [...new Set(values)];
  if (distinct.length === 0) return found;
  // Empty emails are outside the index: those (rare) go the plain way.
  const unindexed: string[] = type === "contacts" && property === "email" ? distinct.filter((v) => v === "") : [];
  const indexed = distinct.filter((v) => !unindexed.includes(v));
  for (const group of [indexed, unindexed]) {
    if (group.length === 0) continue;
    const array = sql`array[${sql.join(group.map((v) => sql`${v}::text`), sql`, `)}]`;
    // PostgreSQL's lower() on both sides, as the index does; `n` maps each match to its value.
    const lookup =
      group === unindexed
        ? and(eq(objects.accountId, accountId), eq(objects.objectType, type), eq(objects.archived, false), sql`lower(${objects.properties}->>'email') = lower(v.raw)`)
        : propertyLookup(accountId, type, property, sql`lower(v.raw)`);
    const rows = await db
      .select({ n: sql<number>`v.n::int`, row: objects })
      .from(sql`unnest(${array}) with ordinality as v(raw, n)`)
      .innerJoin(objects, sql`true`)
      .where(lookup)
      .orderBy(asc(objects.id));
    for (const { n, row } of rows) {
      const value = group[Number(n) - 1]!;
      if (!found.has(value)) found.set(value, row);
    }
  }
  return found;
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

/**
 * The live records of a type a search may match (evaluated by the pure search module): every one,
 * or with `narrowing` only those whose property holds one of the values (lower-cased) in a group.
 */
export async function liveRecords(db: SandboxExecutor, accountId: number, type: ObjectType, createdBefore: Date, narrowing: Narrowing[] | null = null) {
  const narrowed = narrowing
    ? or(...narrowing.map((n) => sql`lower(${objects.properties}->>${sql.raw(`'${n.propertyName}'`)}) in (${sql.join(n.values.map((v) => sql`${v}`), sql`, `)})`))
    : undefined;
  return db
    .select()
    .from(objects)
    .where(and(eq(objects.accountId, accountId), eq(objects.objectType, type), eq(objects.archived, false), lte(objects.createdAt, createdBefore), narrowed));
}
