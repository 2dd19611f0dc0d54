import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../db/client";
import { syncConfigs, type InitialSyncProgress, type SyncObject } from "../db/schema";

export const contactSettings = z.object({
  /** On a QuickBooks DisplayName clash, retry with "Name (2)", "Name (3)"… instead of failing. */
  displayNameSuffix: z.boolean().default(false),
});
export type ContactSettings = z.infer<typeof contactSettings>;

export interface SyncConfig {
  object: SyncObject;
  enabled: boolean;
  direction: "two_way" | "to_quickbooks" | "to_hubspot";
  conflictWinner: "hubspot" | "quickbooks";
  startedAt: Date | null;
  settings: Record<string, unknown>;
  /** The initial sync in progress, if any: single-record changes wait for it. */
  initialSyncRunId: string | null;
  initialSyncProgress: InitialSyncProgress | null;
}

/** What each object does before anyone changes its settings. */
const DEFAULTS: Record<SyncObject, Pick<SyncConfig, "direction" | "conflictWinner">> = {
  contacts: { direction: "to_hubspot", conflictWinner: "quickbooks" },
  products: { direction: "to_hubspot", conflictWinner: "quickbooks" },
  invoices: { direction: "two_way", conflictWinner: "hubspot" },
  payments: { direction: "two_way", conflictWinner: "quickbooks" },
};

/**
 * Payments have no settings of their own: they follow the invoice sync, both ways, on with a
 * two-way or HubSpot → QuickBooks invoice sync and off with QuickBooks → HubSpot only; they wait
 * while the invoices' initial sync runs, and come with it (its run and progress are theirs).
 */
function paymentsConfig(invoices: SyncConfig): SyncConfig {
  return { ...invoices, object: "payments", enabled: invoices.enabled && invoices.direction !== "to_hubspot", direction: "two_way", settings: {} };
}

export async function loadSyncConfig(db: Queryable, orgId: string, object: SyncObject): Promise<SyncConfig> {
  if (object === "payments") return paymentsConfig(await loadSyncConfig(db, orgId, "invoices"));
  const row = await db.query.syncConfigs.findFirst({ where: and(eq(syncConfigs.orgId, orgId), eq(syncConfigs.object, object)) });
  return row
    ? {
        object,
        enabled: row.enabled,
        direction: row.direction,
        conflictWinner: row.conflictWinner,
        startedAt: row.startedAt,
        settings: row.settings,
        initialSyncRunId: row.initialSyncRunId,
        initialSyncProgress: row.initialSyncProgress ?? null,
      }
    : { object, enabled: false, startedAt: null, settings: {}, initialSyncRunId: null, initialSyncProgress: null, ...DEFAULTS[object] };
}

export async function saveSyncConfig(
  db: Queryable,
  orgId: string,
  object: SyncObject,
  change: Partial<Pick<SyncConfig, "enabled" | "direction" | "conflictWinner" | "settings">>,
): Promise<SyncConfig> {
  const current = await loadSyncConfig(db, orgId, object);
  const next = { ...current, ...change };
  // The sync "starts" the first time it is switched on; outbound filters compare against this.
  const startedAt = next.enabled && !current.startedAt ? new Date() : current.startedAt;
  await db
    .insert(syncConfigs)
    .values({ orgId, object, enabled: next.enabled, direction: next.direction, conflictWinner: next.conflictWinner, startedAt, settings: next.settings })
    .onConflictDoUpdate({
      target: [syncConfigs.orgId, syncConfigs.object],
      set: { enabled: next.enabled, direction: next.direction, conflictWinner: next.conflictWinner, startedAt, settings: next.settings, updatedAt: sql`now()` },
    });
  return { ...next, startedAt };
}
