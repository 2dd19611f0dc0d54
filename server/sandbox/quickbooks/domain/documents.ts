/** Small helpers for reading loosely-typed QBO JSON documents safely. */
export type Doc = Record<string, unknown>;

export function isDoc(value: unknown): value is Doc {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asDoc(value: unknown): Doc | undefined {
  return isDoc(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

/** A non-empty trimmed string, or undefined. */
export function asText(value: unknown): string | undefined {
  const text = asString(value)?.trim();
  return text ? text : undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** The `value` of a reference such as `CustomerRef: {value: "1", name: "..."}`. */
export function refValue(value: unknown): string | undefined {
  return asText(asDoc(value)?.value);
}

export function roundMoney(amount: number): number {
  return Math.round((amount + Number.EPSILON) * 100) / 100;
}

/** Drops keys whose value is undefined so documents serialise the way QBO's do. */
export function compact<T extends Doc>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as T;
}

/** Server-owned fields a client may echo back but never sets. */
export const SERVER_FIELDS = ["Id", "SyncToken", "MetaData", "domain", "sparse", "time", "status"] as const;

/**
 * The document an update describes: a sparse update changes only the fields it supplies (a supplied
 * `Line` replaces the whole list); a full update replaces the document, clearing what it omits.
 */
export function mergeUpdate(existing: Doc, input: Doc, sparse: boolean): Doc {
  const supplied = Object.fromEntries(Object.entries(input).filter(([k]) => !(SERVER_FIELDS as readonly string[]).includes(k)));
  return sparse ? { ...existing, ...supplied } : supplied;
}
