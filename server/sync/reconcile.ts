import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { connections, syncConfigs, type SyncObject } from "../db/schema";
import type { QboEntityBase, QboEntityName } from "../providers/quickbooks/types";
import { loadSyncConfig } from "./config";
import type { SyncContext } from "./context";
import { createSyncContext } from "./org-context";
import type { RecordChange } from "./sync-record";

/** Re-read a little before the cursor: clocks differ, and re-reading an unchanged record is a no-op. */
const OVERLAP_MS = 2 * 60_000;
/** QuickBooks CDC looks back at most 30 days. */
const CDC_MAX_AGE_MS = 30 * 24 * 60 * 60_000;
const FIRST_LOOKBACK_MS = 24 * 60 * 60_000;

const QBO_ENTITIES: Partial<Record<SyncObject, QboEntityName>> = { contacts: "Customer", products: "Item" };
const HUBSPOT_TYPES: Partial<Record<SyncObject, "contacts">> = { contacts: "contacts" };

export interface ReconcileResult {
  changes: Array<RecordChange & { version: string }>;
  cursors: { quickbooks: string; hubspot: string };
}

function startFrom(cursor: string | undefined, startedAt: Date | null, now: number): number {
  const from = cursor ? Date.parse(cursor) - OVERLAP_MS : (startedAt?.getTime() ?? now - FIRST_LOOKBACK_MS);
  return Math.max(from, now - CDC_MAX_AGE_MS + 60_000);
}

/**
 * Changed records via Change Data Capture; when its 1000-object answer may have been cut short,
 * the same window is read again with paged queries, which have no such cap.
 */
async function quickbooksChangesSince(ctx: SyncContext, entities: QboEntityName[], since: Date) {
  const cdc = await ctx.quickbooks.changedSince(entities, since);
  if (!cdc.capped) return cdc.changes;
  const changes: Record<string, QboEntityBase[]> = {};
  for (const entity of entities) {
    changes[entity] = await ctx.quickbooks.queryAll<QboEntityBase>(
      entity,
      `MetaData.LastUpdatedTime >= '${since.toISOString()}'`,
      "MetaData.LastUpdatedTime",
    );
  }
  return changes;
}

/** Orgs with both providers connected and at least one sync switched on. */
export async function orgsToReconcile(db: Database): Promise<string[]> {
  const rows = await db
    .select({ orgId: syncConfigs.orgId })
    .from(syncConfigs)
    .where(
      and(
        eq(syncConfigs.enabled, true),
        sql`(select count(*) from ${connections} c where c.org_id = ${syncConfigs.orgId} and c.status = 'active') = 2`,
      ),
    )
    .groupBy(syncConfigs.orgId);
  return rows.map((r) => r.orgId);
}

/**
 * What changed at both providers since the stored cursors (QuickBooks Change Data Capture,
 * HubSpot search on `hs_lastmodifieddate`), for the org's enabled syncs. A lost webhook is found
 * here on the next pass; nothing is written to the providers.
 */
export async function findChanges(db: Database, orgId: string, now = Date.now()): Promise<ReconcileResult> {
  const ctx = await createSyncContext(db, orgId);
  const [qboConnection, hubspotConnection] = await Promise.all(
    (["quickbooks", "hubspot"] as const).map((provider) =>
      db.query.connections.findFirst({ where: and(eq(connections.orgId, orgId), eq(connections.provider, provider)) }),
    ),
  );
  const changes: ReconcileResult["changes"] = [];
  const cursors = { quickbooks: new Date(now).toISOString(), hubspot: new Date(now).toISOString() };

  const configs = await Promise.all((["contacts", "products"] as const).map((object) => loadSyncConfig(db, orgId, object)));
  const enabled = configs.filter((c) => c.enabled);
  const earliestStart = enabled.map((c) => c.startedAt).sort((a, b) => (a?.getTime() ?? 0) - (b?.getTime() ?? 0))[0] ?? null;

  const entities = enabled.map((c) => QBO_ENTITIES[c.object]).filter((e): e is QboEntityName => Boolean(e));
  if (entities.length > 0) {
    const since = new Date(startFrom(qboConnection?.reconcileCursors.quickbooks, earliestStart, now));
    const changed = await quickbooksChangesSince(ctx, entities, since);
    for (const [object, entity] of Object.entries(QBO_ENTITIES)) {
      for (const record of changed[entity] ?? []) {
        if ("status" in record && record.status === "Deleted") continue;
        const version = record.MetaData?.LastUpdatedTime ?? "";
        changes.push({ orgId, object: object as SyncObject, side: "quickbooks", recordId: record.Id, version });
      }
    }
  }

  for (const config of enabled) {
    const type = HUBSPOT_TYPES[config.object];
    if (!type) continue;
    const since = startFrom(hubspotConnection?.reconcileCursors[type], earliestStart, now);
    const found = await ctx.hubspot.searchAll(type, {
      filterGroups: [{ filters: [{ propertyName: "hs_lastmodifieddate", operator: "GTE", value: String(since) }] }],
      sorts: [{ propertyName: "hs_lastmodifieddate", direction: "ASCENDING" }],
      properties: ["hs_lastmodifieddate"],
    });
    for (const record of found.results) changes.push({ orgId, object: config.object, side: "hubspot", recordId: record.id, version: record.updatedAt });
    // Cut short at HubSpot's 10,000 results: the next pass carries on from the last one read.
    const last = found.results.at(-1);
    if (found.capped && last) cursors.hubspot = last.updatedAt;
  }
  return { changes, cursors };
}

/** Stores the cursors once the changes they cover have been handed off. */
export async function saveCursors(db: Database, orgId: string, cursors: ReconcileResult["cursors"]): Promise<void> {
  await db
    .update(connections)
    .set({ reconcileCursors: sql`${connections.reconcileCursors} || ${JSON.stringify({ quickbooks: cursors.quickbooks })}::jsonb` })
    .where(and(eq(connections.orgId, orgId), eq(connections.provider, "quickbooks")));
  await db
    .update(connections)
    .set({ reconcileCursors: sql`${connections.reconcileCursors} || ${JSON.stringify({ contacts: cursors.hubspot })}::jsonb` })
    .where(and(eq(connections.orgId, orgId), eq(connections.provider, "hubspot")));
}
