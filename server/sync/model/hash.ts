import { createHash } from "node:crypto";

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, stable((value as Record<string, unknown>)[key])]),
    );
  }
  return value ?? null;
}

/**
 * A fingerprint of a record's synced fields (after normalisation), independent of key order. Two
 * sides holding the same data hash the same, which is how our own writes are recognised when they
 * come back as change notifications.
 */
export function hashFields(fields: object): string {
  return createHash("sha256").update(JSON.stringify(stable(fields))).digest("hex").slice(0, 32);
}

/** The names of the fields whose values differ. */
export function changedFields<T extends object>(before: T | null, after: T): string[] {
  return Object.keys(after).filter(
    (key) => JSON.stringify(stable(before?.[key as keyof T])) !== JSON.stringify(stable(after[key as keyof T])),
  );
}
