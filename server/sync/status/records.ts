import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { recordLinks, type RecordState, type SyncObject } from "../../db/schema";
import { ownRecords } from "./own-records";

export type RecordSort = "updated_desc" | "updated_asc" | "label_asc" | "label_desc";

export interface RecordFilters {
  object?: SyncObject;
  state?: RecordState;
  errorCode?: string;
  /** Matched anywhere in the label, either id, a contact's email or an invoice's number, case-insensitively. */
  text?: string;
}

export interface RecordPageRequest extends RecordFilters {
  sort: RecordSort;
  cursor?: string;
  limit: number;
}

/** A cursor says where the previous page stopped: the sort it was made for, the last row's sort key and id. */
interface Cursor {
  s: RecordSort;
  k: string;
  id: string;
}

export class InvalidCursorError extends Error {
  constructor() {
    super("The page cursor is not valid for this list; start again from the first page.");
    this.name = "InvalidCursorError";
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(raw: string, sort: RecordSort): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  const c = parsed as Partial<Cursor> | null;
  if (!c || c.s !== sort || typeof c.k !== "string" || typeof c.id !== "string" || !UUID.test(c.id)) throw new InvalidCursorError();
  if (sort.startsWith("updated") && !TIMESTAMP.test(c.k)) throw new InvalidCursorError();
  return c as Cursor;
}

/** The label as the list sorts it (the expression the label indexes are built on). */
const labelKey = sql<string>`lower(coalesce(${recordLinks.label}, ''))`;
/**
 * updated_at to the microsecond, in UTC: a JavaScript Date keeps milliseconds only, and a cursor
 * rounded to them would skip or repeat rows updated within the same millisecond.
 */
const updatedKey = sql<string>`to_char(${recordLinks.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The conditions every list query of the org starts with: records of their own (invoice lines follow their invoice). */
export function listConditions(orgId: string, filters: RecordFilters): SQL[] {
  const conditions: SQL[] = [eq(recordLinks.orgId, orgId), ownRecords()];
  if (filters.object) conditions.push(eq(recordLinks.object, filters.object));
  if (filters.state) conditions.push(eq(recordLinks.state, filters.state));
  if (filters.errorCode) conditions.push(eq(recordLinks.errorCode, filters.errorCode));
  const text = filters.text?.trim().toLowerCase();
  if (text) conditions.push(sql`${recordLinks.searchText} like ${`%${escapeLike(text)}%`}`);
  return conditions;
}

function keysetCondition(sort: RecordSort, cursor: Cursor): SQL {
  switch (sort) {
    case "updated_desc":
      return sql`(${recordLinks.updatedAt}, ${recordLinks.id}) < (${cursor.k}::timestamp at time zone 'UTC', ${cursor.id}::uuid)`;
    case "updated_asc":
      return sql`(${recordLinks.updatedAt}, ${recordLinks.id}) > (${cursor.k}::timestamp at time zone 'UTC', ${cursor.id}::uuid)`;
    case "label_asc":
      return sql`(${labelKey}, ${recordLinks.id}) > (${cursor.k}, ${cursor.id}::uuid)`;
    case "label_desc":
      return sql`(${labelKey}, ${recordLinks.id}) < (${cursor.k}, ${cursor.id}::uuid)`;
  }
}

function orderFor(sort: RecordSort): SQL[] {
  switch (sort) {
    case "updated_desc":
      return [desc(recordLinks.updatedAt), desc(recordLinks.id)];
    case "updated_asc":
      return [asc(recordLinks.updatedAt), asc(recordLinks.id)];
    case "label_asc":
      return [asc(labelKey), asc(recordLinks.id)];
    case "label_desc":
      return [desc(labelKey), desc(recordLinks.id)];
  }
}

export const listColumns = {
  id: recordLinks.id,
  object: recordLinks.object,
  label: recordLinks.label,
  hubspotId: recordLinks.hubspotId,
  quickbooksId: recordLinks.quickbooksId,
  origin: recordLinks.origin,
  state: recordLinks.state,
  errorCode: recordLinks.errorCode,
  errorDetail: recordLinks.errorDetail,
  excludedReason: recordLinks.excludedReason,
  lastSyncedAt: recordLinks.lastSyncedAt,
  updatedAt: recordLinks.updatedAt,
};

/** The query of one page (exported so the measurement script can EXPLAIN exactly what the API runs). */
export function recordPageQuery(db: Queryable, orgId: string, request: RecordPageRequest) {
  const conditions = listConditions(orgId, request);
  if (request.cursor) conditions.push(keysetCondition(request.sort, decodeCursor(request.cursor, request.sort)));
  return db
    .select({ ...listColumns, updatedKey, labelKey })
    .from(recordLinks)
    .where(and(...conditions))
    .orderBy(...orderFor(request.sort))
    .limit(request.limit + 1);
}

/** One page of the org's records and the cursor of the next (null on the last page). */
export async function listRecords(db: Queryable, orgId: string, request: RecordPageRequest) {
  const rows = await recordPageQuery(db, orgId, request);
  const items = rows.slice(0, request.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > request.limit && last
      ? encodeCursor({ s: request.sort, k: request.sort.startsWith("updated") ? last.updatedKey : last.labelKey, id: last.id })
      : null;
  return { items, nextCursor };
}
