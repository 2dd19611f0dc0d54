import { canonicalEntityType, NAME_LIST_TYPES, QUERYABLE_PROPERTIES, type EntityType } from "./entity-types";
import { faults } from "./faults";
import type { ParsedQuery, QueryCondition, QueryLiteral, QueryOrder } from "./query-parser";

export const MAX_RESULTS_LIMIT = 1000;

export interface ValidatedQuery extends Omit<ParsedQuery, "entity"> {
  entity: EntityType;
  startPosition: number;
  maxResults: number;
}

/** Checks a parsed query against what QBO allows (fault 4001) and fills in the paging defaults. */
export function validateQuery(query: ParsedQuery): ValidatedQuery {
  const entity = canonicalEntityType(query.entity);
  if (!entity) throw faults.queryValidation(`Invalid entity name: ${query.entity}`);
  const allowed = QUERYABLE_PROPERTIES[entity].map((p) => p.toLowerCase());
  for (const { path } of [...query.where, ...query.orderBy]) {
    const head = path.split(".")[0]!.toLowerCase();
    if (!allowed.includes(head)) throw faults.queryValidation(`property '${path}' is not queryable`);
  }
  const startPosition = query.startPosition ?? 1;
  if (startPosition < 1) throw faults.queryValidation("STARTPOSITION must be at least 1");
  const maxResults = query.maxResults ?? 100;
  if (maxResults > MAX_RESULTS_LIMIT) throw faults.queryValidation(`MAXRESULTS cannot exceed ${MAX_RESULTS_LIMIT}`);
  if (maxResults < 1) throw faults.queryValidation("MAXRESULTS must be at least 1");
  return { ...query, entity, startPosition, maxResults };
}

/** Follows a dotted path through a document, matching keys case-insensitively, and unwraps refs/emails/phones. */
export function resolvePath(record: Record<string, unknown>, path: string): unknown {
  let current: unknown = record;
  for (const segment of path.split(".")) {
    if (!current || typeof current !== "object") return undefined;
    const entry = Object.entries(current as Record<string, unknown>).find(([k]) => k.toLowerCase() === segment.toLowerCase());
    current = entry?.[1];
  }
  if (current && typeof current === "object" && !Array.isArray(current)) {
    const object = current as Record<string, unknown>;
    for (const key of ["value", "Address", "FreeFormNumber"]) if (key in object) return object[key];
  }
  return current;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Orders two scalars the way QBO compares them: numbers numerically, dates chronologically, text case-insensitively. */
export function compareValues(left: unknown, right: QueryLiteral): number | undefined {
  if (left === undefined || left === null) return undefined;
  if (typeof right === "boolean" || typeof left === "boolean") {
    const l = String(left).toLowerCase();
    const r = String(right).toLowerCase();
    return l === r ? 0 : l < r ? -1 : 1;
  }
  const leftNumber = typeof left === "number" ? left : typeof left === "string" && /^-?\d+(\.\d+)?$/.test(left) ? Number(left) : NaN;
  const rightNumber = typeof right === "number" ? right : /^-?\d+(\.\d+)?$/.test(right) ? Number(right) : NaN;
  if (!Number.isNaN(leftNumber) && !Number.isNaN(rightNumber)) return Math.sign(leftNumber - rightNumber);
  const l = String(left);
  const r = String(right);
  if (TIMESTAMP.test(l) && TIMESTAMP.test(r) && (l.includes("T") || r.includes("T"))) {
    return Math.sign(Date.parse(l) - Date.parse(r));
  }
  const a = l.toLowerCase();
  const b = r.toLowerCase();
  return a === b ? 0 : a < b ? -1 : 1;
}

function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll("%", ".*");
  return new RegExp(`^${escaped}$`, "is");
}

export function matchesCondition(record: Record<string, unknown>, condition: QueryCondition): boolean {
  const actual = resolvePath(record, condition.path);
  const { operator, value } = condition;
  if (operator === "IN") return (value as QueryLiteral[]).some((v) => compareValues(actual, v) === 0);
  if (operator === "LIKE") return actual !== undefined && actual !== null && likeToRegExp(String(value)).test(String(actual));
  const order = compareValues(actual, value as QueryLiteral);
  if (order === undefined) return false;
  switch (operator) {
    case "=":
      return order === 0;
    case "<":
      return order < 0;
    case ">":
      return order > 0;
    case "<=":
      return order <= 0;
    case ">=":
      return order >= 0;
  }
}

function compareRecords(a: Record<string, unknown>, b: Record<string, unknown>, orderBy: QueryOrder[]): number {
  for (const { path, descending } of orderBy) {
    const left = resolvePath(a, path);
    const right = resolvePath(b, path);
    let order: number;
    if (left === undefined || left === null) order = right === undefined || right === null ? 0 : -1;
    else if (right === undefined || right === null) order = 1;
    else order = compareValues(left, right as QueryLiteral) ?? 0;
    if (order !== 0) return descending ? -order : order;
  }
  return 0;
}

export type QueryResult = { kind: "count"; totalCount: number } | { kind: "rows"; rows: Record<string, unknown>[] };

/**
 * Runs a validated query over an entity's documents. Inactive name-list records are left out
 * unless the query filters on Active itself, as QBO does.
 */
export function runQuery(query: ValidatedQuery, records: Record<string, unknown>[]): QueryResult {
  const mentionsActive = query.where.some((c) => c.path.toLowerCase() === "active");
  const visible = NAME_LIST_TYPES.includes(query.entity as never) && !mentionsActive ? records.filter((r) => r.Active !== false) : records;
  const matching = visible.filter((r) => query.where.every((c) => matchesCondition(r, c)));
  if (query.count) return { kind: "count", totalCount: matching.length };
  const ordered = [...matching].sort((a, b) => compareRecords(a, b, [...query.orderBy, { path: "Id", descending: false }]));
  return { kind: "rows", rows: ordered.slice(query.startPosition - 1, query.startPosition - 1 + query.maxResults) };
}
