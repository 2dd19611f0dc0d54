import { and, asc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { SandboxExecutor } from "./db";
import { companies, entities } from "./schema";
import type { Doc } from "../domain/documents";
import type { ListedEntityType } from "../domain/entity-types";

/** Data access for the sandbox's companies and entities. No rules live here. */
export type CompanyRow = typeof companies.$inferSelect;
export type EntityRow = typeof entities.$inferSelect;

export async function findCompany(ex: SandboxExecutor, realmId: string): Promise<CompanyRow | undefined> {
  const [row] = await ex.select().from(companies).where(eq(companies.realmId, realmId));
  return row;
}

/** Locks a company for the rest of the transaction: writes to one company run one at a time. */
export async function lockCompany(ex: SandboxExecutor, realmId: string): Promise<CompanyRow | undefined> {
  const [row] = await ex.select().from(companies).where(eq(companies.realmId, realmId)).for("update");
  return row;
}

export async function listCompanies(ex: SandboxExecutor): Promise<CompanyRow[]> {
  return ex.select().from(companies).orderBy(asc(companies.createdAt));
}

export async function nextEntityId(ex: SandboxExecutor, company: CompanyRow, type: ListedEntityType): Promise<string> {
  const next = (company.lastIds[type] ?? 0) + 1;
  company.lastIds = { ...company.lastIds, [type]: next };
  await ex.update(companies).set({ lastIds: company.lastIds }).where(eq(companies.realmId, company.realmId));
  return String(next);
}

export async function findEntity(ex: SandboxExecutor, realmId: string, type: ListedEntityType, id: string): Promise<EntityRow | undefined> {
  const [row] = await ex
    .select()
    .from(entities)
    .where(and(eq(entities.realmId, realmId), eq(entities.entityType, type), eq(entities.id, id), isNull(entities.deletedAt)));
  return row;
}

export async function listEntities(ex: SandboxExecutor, realmId: string, type: ListedEntityType): Promise<EntityRow[]> {
  return ex
    .select()
    .from(entities)
    .where(and(eq(entities.realmId, realmId), eq(entities.entityType, type), isNull(entities.deletedAt)))
    .orderBy(sql`(${entities.id})::bigint`);
}

/** Live, visible to a query that doesn't filter on Active: name-list records that aren't inactive. */
const visibleToQueries = (hideInactive: boolean) => (hideInactive ? sql`(${entities.body}->'Active') is distinct from 'false'::jsonb` : undefined);

/**
 * One page of a type in Id order (`select * from X orderby Id startposition S maxresults N`) in
 * SQL: the index on the numeric Id serves it without reading the company's other records.
 */
export async function pageOfEntities(ex: SandboxExecutor, realmId: string, type: ListedEntityType, opts: { offset: number; limit: number; hideInactive: boolean }): Promise<EntityRow[]> {
  return ex
    .select()
    .from(entities)
    .where(and(eq(entities.realmId, realmId), eq(entities.entityType, type), isNull(entities.deletedAt), visibleToQueries(opts.hideInactive)))
    .orderBy(sql`(${entities.id})::bigint`)
    .offset(opts.offset)
    .limit(opts.limit);
}

export async function countEntities(ex: SandboxExecutor, realmId: string, type: ListedEntityType, hideInactive: boolean): Promise<number> {
  const [row] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(entities)
    .where(and(eq(entities.realmId, realmId), eq(entities.entityType, type), isNull(entities.deletedAt), visibleToQueries(hideInactive)));
  return row?.n ?? 0;
}

/** Live records of a type whose Id is one of `ids`. */
export async function entitiesByIds(ex: SandboxExecutor, realmId: string, type: ListedEntityType, ids: string[]): Promise<EntityRow[]> {
  if (ids.length === 0) return [];
  return ex
    .select()
    .from(entities)
    .where(and(eq(entities.realmId, realmId), eq(entities.entityType, type), isNull(entities.deletedAt), inArray(entities.id, ids)))
    .orderBy(sql`(${entities.id})::bigint`);
}

/** The indexed text fields (lower-cased), as SQL over the stored document. */
export const INDEXED_TEXT_FIELDS = {
  displayname: sql`lower(${entities.body}->>'DisplayName')`,
  name: sql`lower(${entities.body}->>'Name')`,
  sku: sql`lower(${entities.body}->>'Sku')`,
  primaryemailaddr: sql`lower(${entities.body}->'PrimaryEmailAddr'->>'Address')`,
} as const;

/** Live records of a type whose indexed field equals (case-insensitively) one of the lower-cased `values`. */
export async function entitiesByText(ex: SandboxExecutor, realmId: string, type: ListedEntityType, field: keyof typeof INDEXED_TEXT_FIELDS, values: string[]): Promise<EntityRow[]> {
  if (values.length === 0) return [];
  return ex
    .select()
    .from(entities)
    .where(and(eq(entities.realmId, realmId), eq(entities.entityType, type), isNull(entities.deletedAt), inArray(INDEXED_TEXT_FIELDS[field], values)))
    .orderBy(sql`(${entities.id})::bigint`);
}

export async function insertEntity(ex: SandboxExecutor, realmId: string, type: ListedEntityType, id: string, body: Doc, at: Date): Promise<EntityRow> {
  const [row] = await ex.insert(entities).values({ realmId, entityType: type, id, body, syncToken: 0, createdAt: at, updatedAt: at }).returning();
  return row!;
}

export async function updateEntity(ex: SandboxExecutor, row: EntityRow, body: Doc, at: Date): Promise<EntityRow> {
  const [updated] = await ex
    .update(entities)
    .set({ body, syncToken: row.syncToken + 1, updatedAt: at })
    .where(and(eq(entities.realmId, row.realmId), eq(entities.entityType, row.entityType), eq(entities.id, row.id)))
    .returning();
  return updated!;
}

/** Changes a stored document without counting as an edit (no SyncToken bump), e.g. a derived balance. */
export async function patchEntityBody(ex: SandboxExecutor, row: EntityRow, body: Doc): Promise<void> {
  await ex
    .update(entities)
    .set({ body })
    .where(and(eq(entities.realmId, row.realmId), eq(entities.entityType, row.entityType), eq(entities.id, row.id)));
}

/** Deletes a record, leaving a tombstone that Change Data Capture reports. */
export async function tombstoneEntity(ex: SandboxExecutor, row: EntityRow, at: Date): Promise<void> {
  await ex
    .update(entities)
    .set({ deletedAt: at, updatedAt: at, syncToken: row.syncToken + 1 })
    .where(and(eq(entities.realmId, row.realmId), eq(entities.entityType, row.entityType), eq(entities.id, row.id)));
}

/** The Id of another live record of the type carrying this name (case-insensitive) in `field`, if any. */
export async function recordWithName(
  ex: SandboxExecutor,
  realmId: string,
  type: ListedEntityType,
  field: string,
  name: string,
  exceptId?: string,
): Promise<string | undefined> {
  const [row] = await ex
    .select({ id: entities.id })
    .from(entities)
    .where(
      and(
        eq(entities.realmId, realmId),
        eq(entities.entityType, type),
        isNull(entities.deletedAt),
        // The field as a literal, so the plan can use the expression index on it.
        /^[A-Za-z]+$/.test(field) ? sql`lower(${entities.body} ->> ${sql.raw(`'${field}'`)}) = lower(${name})` : sql`lower(${entities.body} ->> ${field}) = lower(${name})`,
        exceptId ? sql`${entities.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return row?.id;
}

/** The next automatic invoice number: one more than the highest numeric DocNumber, starting at 1001. */
export async function nextDocNumber(ex: SandboxExecutor, realmId: string): Promise<string> {
  const [row] = await ex
    .select({ max: sql<string | null>`max((${entities.body} ->> 'DocNumber')::bigint)` })
    .from(entities)
    .where(and(eq(entities.realmId, realmId), eq(entities.entityType, "Invoice"), sql`(${entities.body} ->> 'DocNumber') ~ '^[0-9]{1,15}$'`));
  return String(Math.max(Number(row?.max ?? 0), 1000) + 1);
}

/** Live payments whose lines link the invoice. */
export async function paymentsLinking(ex: SandboxExecutor, realmId: string, invoiceId: string): Promise<EntityRow[]> {
  const pattern = JSON.stringify([{ LinkedTxn: [{ TxnId: invoiceId, TxnType: "Invoice" }] }]);
  return ex
    .select()
    .from(entities)
    .where(
      and(
        eq(entities.realmId, realmId),
        eq(entities.entityType, "Payment"),
        isNull(entities.deletedAt),
        sql`${entities.body} -> 'Line' @> ${pattern}::jsonb`,
      ),
    )
    .orderBy(sql`(${entities.id})::bigint`);
}

export async function invoicesOfCustomer(ex: SandboxExecutor, realmId: string, customerId: string): Promise<EntityRow[]> {
  return ex
    .select()
    .from(entities)
    .where(
      and(
        eq(entities.realmId, realmId),
        eq(entities.entityType, "Invoice"),
        isNull(entities.deletedAt),
        sql`${entities.body} -> 'CustomerRef' ->> 'value' = ${customerId}`,
      ),
    );
}

/** Records of the given types changed (or deleted) at or after `since`, oldest change first. */
export async function changedSince(ex: SandboxExecutor, realmId: string, types: ListedEntityType[], since: Date, limit: number): Promise<EntityRow[]> {
  return ex
    .select()
    .from(entities)
    .where(and(eq(entities.realmId, realmId), inArray(entities.entityType, types), gte(entities.updatedAt, since)))
    .orderBy(asc(entities.updatedAt))
    .limit(limit);
}
