import { and, eq, isNotNull, notInArray } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { syncFilters, type SyncObject } from "../../db/schema";
import type { SyncConfig } from "../config";
import { specFor } from "../objects/registry";
import type { FixedFilter } from "../objects/types";

type FilterDirection = (typeof syncFilters.$inferSelect)["direction"];

function sameRule(row: typeof syncFilters.$inferSelect, rule: FixedFilter): boolean {
  return row.match === rule.match && row.reason === rule.reason && row.label === rule.label && JSON.stringify(row.conditions) === JSON.stringify(rule.conditions);
}

/**
 * Stores the object spec's fixed rules as the org's locked filters: added when missing, rewritten
 * when the spec's rule differs from the row (the "after the sync started" rule takes the start time
 * once the sync starts), and removed when the spec no longer has the rule. The engine then
 * evaluates these rows, like the user's filters.
 */
export async function storeFixedFilters(db: Queryable, orgId: string, object: SyncObject, config: SyncConfig): Promise<void> {
  const fixed = specFor(object)?.fixedFilters?.(config);
  const rules = fixed ? (Object.entries(fixed) as Array<[FilterDirection, FixedFilter[]]>).flatMap(([direction, list]) => list.map((rule) => ({ direction, rule }))) : [];
  const stored = await db
    .select()
    .from(syncFilters)
    .where(and(eq(syncFilters.orgId, orgId), eq(syncFilters.object, object), isNotNull(syncFilters.fixedKey)));
  for (const { direction, rule } of rules) {
    const row = stored.find((r) => r.fixedKey === rule.key);
    const values = { direction, match: rule.match, conditions: rule.conditions, label: rule.label, reason: rule.reason, locked: true };
    if (!row) {
      await db
        .insert(syncFilters)
        .values({ orgId, object, fixedKey: rule.key, ...values })
        .onConflictDoNothing();
    } else if (!sameRule(row, rule) || row.direction !== direction || !row.locked) {
      await db.update(syncFilters).set(values).where(eq(syncFilters.id, row.id));
    }
  }
  const keys = rules.map(({ rule }) => rule.key);
  if (stored.some((row) => !keys.includes(row.fixedKey!))) {
    await db
      .delete(syncFilters)
      .where(and(eq(syncFilters.orgId, orgId), eq(syncFilters.object, object), isNotNull(syncFilters.fixedKey), keys.length ? notInArray(syncFilters.fixedKey, keys) : undefined));
  }
}
