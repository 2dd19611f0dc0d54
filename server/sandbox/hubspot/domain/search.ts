import { toEpochMillis, type PropertyDefinition } from "./properties";

export const SEARCH_OPERATORS = [
  "EQ",
  "NEQ",
  "LT",
  "LTE",
  "GT",
  "GTE",
  "BETWEEN",
  "IN",
  "NOT_IN",
  "HAS_PROPERTY",
  "NOT_HAS_PROPERTY",
  "CONTAINS_TOKEN",
  "NOT_CONTAINS_TOKEN",
] as const;
export type SearchOperator = (typeof SEARCH_OPERATORS)[number];

export interface SearchFilter {
  propertyName: string;
  operator: SearchOperator;
  value?: string;
  highValue?: string;
  values?: string[];
}

export interface SearchSort {
  propertyName: string;
  direction: "ASCENDING" | "DESCENDING";
}

export interface SearchRequest {
  filterGroups: Array<{ filters: SearchFilter[] }>;
  sorts: SearchSort[];
  properties: string[] | null;
  limit: number;
  after: number;
  query: string | null;
}

export const SEARCH_LIMITS = { groups: 5, filtersPerGroup: 6, filtersTotal: 18, pageDefault: 10, pageMax: 200, resultCap: 10_000 };

export class SearchRequestError extends Error {}

const asString = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

/** Validates a raw search body into a request, or throws `SearchRequestError` with HubSpot's wording. */
export function parseSearchRequest(body: unknown): SearchRequest {
  const raw = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const groups = Array.isArray(raw.filterGroups) ? raw.filterGroups : [];
  if (groups.length > SEARCH_LIMITS.groups) throw new SearchRequestError(`Too many filter groups (${groups.length}); the maximum is ${SEARCH_LIMITS.groups}.`);
  let total = 0;
  const filterGroups = groups.map((group) => {
    const filters = Array.isArray((group as { filters?: unknown })?.filters) ? ((group as { filters: unknown[] }).filters) : [];
    if (filters.length > SEARCH_LIMITS.filtersPerGroup) {
      throw new SearchRequestError(`Too many filters in a filter group (${filters.length}); the maximum is ${SEARCH_LIMITS.filtersPerGroup}.`);
    }
    total += filters.length;
    return {
      filters: filters.map((f) => {
        const filter = (f ?? {}) as Record<string, unknown>;
        const operator = String(filter.operator ?? "EQ").toUpperCase() as SearchOperator;
        if (!SEARCH_OPERATORS.includes(operator)) throw new SearchRequestError(`Unknown filter operator ${String(filter.operator)}.`);
        if (typeof filter.propertyName !== "string" || !filter.propertyName) throw new SearchRequestError("Each filter needs a propertyName.");
        const values = Array.isArray(filter.values) ? filter.values.map(String) : undefined;
        const parsed: SearchFilter = { propertyName: filter.propertyName, operator, value: asString(filter.value), highValue: asString(filter.highValue), values };
        if ((operator === "IN" || operator === "NOT_IN") && !values) throw new SearchRequestError(`Operator ${operator} requires values.`);
        if (operator === "BETWEEN" && (parsed.value === undefined || parsed.highValue === undefined)) {
          throw new SearchRequestError("Operator BETWEEN requires value and highValue.");
        }
        const needsValue = !["IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "BETWEEN"].includes(operator);
        if (needsValue && parsed.value === undefined) throw new SearchRequestError(`Operator ${operator} requires a value.`);
        return parsed;
      }),
    };
  });
  if (total > SEARCH_LIMITS.filtersTotal) throw new SearchRequestError(`Too many filters (${total}); the maximum is ${SEARCH_LIMITS.filtersTotal}.`);

  const rawSorts = Array.isArray(raw.sorts) ? raw.sorts : [];
  if (rawSorts.length > 1) throw new SearchRequestError("Only one sort is supported.");
  const sorts: SearchSort[] = rawSorts.map((s) => {
    if (typeof s === "string") {
      // The string form: "propertyName" or "-propertyName" for descending.
      return s.startsWith("-") ? { propertyName: s.slice(1), direction: "DESCENDING" } : { propertyName: s, direction: "ASCENDING" };
    }
    const sort = (s ?? {}) as Record<string, unknown>;
    if (typeof sort.propertyName !== "string") throw new SearchRequestError("A sort needs a propertyName.");
    return { propertyName: sort.propertyName, direction: String(sort.direction ?? "ASCENDING").toUpperCase() === "DESCENDING" ? "DESCENDING" : "ASCENDING" };
  });

  const limit = raw.limit === undefined ? SEARCH_LIMITS.pageDefault : Number(raw.limit);
  if (!Number.isInteger(limit) || limit < 0 || limit > SEARCH_LIMITS.pageMax) {
    throw new SearchRequestError(`limit must be between 0 and ${SEARCH_LIMITS.pageMax}.`);
  }
  const afterRaw = raw.after === undefined || raw.after === null || raw.after === "" ? "0" : String(raw.after);
  if (!/^\d+$/.test(afterRaw)) throw new SearchRequestError(`after must be an integer string, got ${JSON.stringify(raw.after)}.`);
  const after = Number(afterRaw);
  if (after >= SEARCH_LIMITS.resultCap) {
    throw new SearchRequestError(`Paging past ${SEARCH_LIMITS.resultCap} results is not supported; narrow the search with filters.`);
  }
  const properties = Array.isArray(raw.properties) ? raw.properties.map(String) : null;
  const query = typeof raw.query === "string" && raw.query.trim() ? raw.query.trim() : null;
  return { filterGroups, sorts, properties, limit, after, query };
}

type Kind = "number" | "datetime" | "string";

function kindOf(def: PropertyDefinition | undefined): Kind {
  if (!def) return "string";
  if (def.type === "number") return "number";
  if (def.type === "date" || def.type === "datetime") return "datetime";
  return "string";
}

function comparable(kind: Kind, value: string): number | string | null {
  if (kind === "number") {
    const n = Number(value);
    return value === "" || !Number.isFinite(n) ? null : n;
  }
  if (kind === "datetime") return toEpochMillis(value);
  return value.toLowerCase();
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function tokens(text: string): string[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return [...words, ...words.flatMap((w) => w.split(/[^\p{L}\p{N}]+/u))].filter(Boolean);
}

function tokenMatches(text: string, pattern: string): boolean {
  const needle = pattern.toLowerCase();
  if (needle.includes("*")) {
    const re = new RegExp(`^${needle.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    return re.test(text.toLowerCase()) || tokens(text).some((t) => re.test(t));
  }
  return text.toLowerCase() === needle || tokens(text).includes(needle);
}

export function matchesFilter(properties: Record<string, string>, filter: SearchFilter, def: PropertyDefinition | undefined): boolean {
  const stored = properties[filter.propertyName] ?? "";
  const has = stored !== "";
  switch (filter.operator) {
    case "HAS_PROPERTY":
      return has;
    case "NOT_HAS_PROPERTY":
      return !has;
    case "CONTAINS_TOKEN":
      return has && tokenMatches(stored, filter.value ?? "");
    case "NOT_CONTAINS_TOKEN":
      return !has || !tokenMatches(stored, filter.value ?? "");
    default:
      break;
  }
  const kind = kindOf(def);
  const left = comparable(kind, stored);
  const right = (v: string | undefined) => (v === undefined ? null : comparable(kind, v));
  switch (filter.operator) {
    case "EQ": {
      const r = right(filter.value);
      return left !== null && r !== null && compare(left, r) === 0;
    }
    case "NEQ": {
      const r = right(filter.value);
      return left === null || r === null || compare(left, r) !== 0;
    }
    case "IN":
      return left !== null && (filter.values ?? []).some((v) => {
        const r = right(v);
        return r !== null && compare(left, r) === 0;
      });
    case "NOT_IN":
      return left === null || !(filter.values ?? []).some((v) => {
        const r = right(v);
        return r !== null && compare(left, r) === 0;
      });
    case "BETWEEN": {
      const low = right(filter.value);
      const high = right(filter.highValue);
      return left !== null && low !== null && high !== null && compare(left, low) >= 0 && compare(left, high) <= 0;
    }
    default: {
      const r = right(filter.value);
      if (left === null || r === null) return false;
      const c = compare(left, r);
      return filter.operator === "LT" ? c < 0 : filter.operator === "LTE" ? c <= 0 : filter.operator === "GT" ? c > 0 : c >= 0;
    }
  }
}

/** A text property's lower-cased value must be one of `values` (what one EQ or IN filter asks). */
export interface Narrowing {
  propertyName: string;
  values: string[];
}

const ASCII = /^[\x20-\x7e]+$/;

/**
 * For each group, an EQ or IN filter on a text property that a database can apply before
 * `matchesFilterGroups` (lower-cased equality, as `comparable` does; ASCII values only, where
 * every lower-casing agrees), so that a search reads only the records that may match; null when
 * a group has none (the whole type must be read). The groups' narrowings are OR'd.
 */
export function narrowingOf(groups: SearchRequest["filterGroups"], definitions: Map<string, PropertyDefinition>): Narrowing[] | null {
  if (groups.length === 0) return null;
  const narrowings: Narrowing[] = [];
  for (const group of groups) {
    const filter = group.filters.find((f) => {
      const values = f.operator === "EQ" ? [f.value ?? ""] : f.operator === "IN" ? (f.values ?? []) : [];
      return values.length > 0 && values.every((v) => ASCII.test(v)) && kindOf(definitions.get(f.propertyName)) === "string" && /^[A-Za-z0-9_]+$/.test(f.propertyName);
    });
    if (!filter) return null;
    narrowings.push({ propertyName: filter.propertyName, values: (filter.operator === "EQ" ? [filter.value!] : filter.values!).map((v) => v.toLowerCase()) });
  }
  return narrowings;
}

/** Groups are OR'd, filters within a group AND'd; no groups matches everything. */
export function matchesFilterGroups(
  properties: Record<string, string>,
  groups: SearchRequest["filterGroups"],
  definitions: Map<string, PropertyDefinition>,
): boolean {
  if (groups.length === 0) return true;
  return groups.some((g) => g.filters.every((f) => matchesFilter(properties, f, definitions.get(f.propertyName))));
}

/** Free-text `query` matches a token in any of the record's default searchable properties. */
export function matchesQuery(properties: Record<string, string>, query: string | null, searchable: string[]): boolean {
  if (!query) return true;
  return searchable.some((name) => {
    const value = properties[name];
    return value !== undefined && value !== "" && (tokenMatches(value, `${query}*`) || value.toLowerCase().includes(query.toLowerCase()));
  });
}

export interface Searchable {
  id: number;
  properties: Record<string, string>;
}

/**
 * The slice of sorted matches a page shows; nothing past the 10,000th result is ever returned. The
 * page that reaches the cap with more matches left still offers `after` ("10000"), as HubSpot
 * does, and following it is refused: that is how a client learns its search was cut short.
 */
export function searchPage<T>(matching: T[], request: Pick<SearchRequest, "after" | "limit">): { results: T[]; nextAfter: string | null } {
  const end = Math.min(request.after + request.limit, matching.length, SEARCH_LIMITS.resultCap);
  const results = matching.slice(request.after, end);
  const more = request.limit > 0 && end < matching.length;
  return { results, nextAfter: more ? String(end) : null };
}

/** Sorts by the requested property (unset values last), then by id so pages are stable. */
export function sortRecords<T extends Searchable>(records: T[], sorts: SearchSort[], definitions: Map<string, PropertyDefinition>): T[] {
  const sort = sorts[0];
  if (!sort) return [...records].sort((a, b) => a.id - b.id);
  const kind = kindOf(definitions.get(sort.propertyName));
  const sign = sort.direction === "DESCENDING" ? -1 : 1;
  return [...records].sort((a, b) => {
    const av = sort.propertyName === "hs_object_id" ? a.id : comparable(kind, a.properties[sort.propertyName] ?? "");
    const bv = sort.propertyName === "hs_object_id" ? b.id : comparable(kind, b.properties[sort.propertyName] ?? "");
    if (av === null && bv === null) return a.id - b.id;
    if (av === null) return 1;
    if (bv === null) return -1;
    return sign * compare(av, bv) || a.id - b.id;
  });
}
