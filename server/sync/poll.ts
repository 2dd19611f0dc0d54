import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { connections } from "../db/schema";
import type { QboEntityBase, QboEntityName } from "../providers/quickbooks/types";
import { quickbooksRecord } from "../providers/quickbooks/adapter";
import { versionOf } from "./engine/apply";
import { loadObjectEnv } from "./engine/object-env";
import { createSyncContext } from "./org-context";
import { syncedObjects } from "./objects/registry";
import { changesFrom, realChanges } from "./reconcile";
import type { RecordChange } from "./sync-record";

/** The QuickBooks entity each synced object lives in. */
const ENTITIES: Record<string, QboEntityName> = { contacts: "Customer", products: "Item", invoices: "Invoice", payments: "Payment" };

/** Re-read a little before the last poll: QuickBooks stamps a change before it is visible to CDC. */
const OVERLAP_MS = 30_000;

interface PollState {
  /** The chain of poll runs that owns the org's polling; another chain that finds it alive stops. */
  chain: string;
  at: string;
  since: string;
}

export interface PollResult {
  /** False when the org has no sync on any more, or another poll chain is alive: this chain ends. */
  keepPolling: boolean;
  changes: RecordChange[];
}

/**
 * One poll of QuickBooks Change Data Capture for every object the org syncs, in one request, so a
 * QuickBooks edit is noticed in seconds rather than when Intuit's batched webhook arrives. Records
 * whose values equal what Tandem last synced (its own writes) are left out; the webhook that
 * arrives later for the same change finds the record unchanged.
 */
export async function pollQuickBooks(db: Database, orgId: string, chain: string, intervalMs: number, now = Date.now()): Promise<PollResult> {
  const connection = await db.query.connections.findFirst({ where: and(eq(connections.orgId, orgId), eq(connections.provider, "quickbooks")) });
  const hubspot = await db.query.connections.findFirst({ where: and(eq(connections.orgId, orgId), eq(connections.provider, "hubspot")) });
  if (connection?.status !== "active" || hubspot?.status !== "active") return { keepPolling: false, changes: [] };
  const state = connection.reconcileCursors.poll ? (JSON.parse(connection.reconcileCursors.poll) as PollState) : undefined;
  if (state && state.chain !== chain && Date.parse(state.at) > now - 2 * intervalMs) return { keepPolling: false, changes: [] };

  const ctx = await createSyncContext(db, orgId);
  const envs = [];
  for (const spec of syncedObjects()) {
    const env = await loadObjectEnv(db, orgId, spec.object, { ctx });
    if (env.config.enabled && ENTITIES[spec.object]) envs.push(env);
  }
  if (envs.length === 0) return { keepPolling: false, changes: [] };

  // A poll looks back one interval (a new chain) or to a little before the last poll, never more
  // than START_MARGIN_MS before the syncs started: their initial syncs read everything older
  // (records changed just before a switch-on were synced twice, once by the initial sync and once
  // from the poll).
  const changesFromOf = new Map(envs.map((env) => [env, changesFrom(env.config.startedAt ?? new Date(now))]));
  const since = new Date(Math.max(state ? Date.parse(state.since) : now - intervalMs - OVERLAP_MS, Math.min(...changesFromOf.values())));
  const cdc = await ctx.quickbooks.changedSince(
    envs.map((env) => ENTITIES[env.spec.object]!),
    since,
  );
  const changes: PollResult["changes"] = [];
  for (const env of envs) {
    const rows = cdc.changes[ENTITIES[env.spec.object]!] ?? [];
    const records =
      (await env.adapters.quickbooks.recordsFromChanges?.(rows)) ??
      rows.filter((row) => (row as { status?: string }).status !== "Deleted").map((row) => quickbooksRecord(row as QboEntityBase & Record<string, unknown>));
    // The window may begin at another object's start: what changed before this object's sync
    // started is its initial sync's to read, not a change to start a run for.
    const from = changesFromOf.get(env)!;
    const sinceStart = records.filter((record) => !record.updatedAt || Date.parse(record.updatedAt) >= from);
    for (const record of await realChanges(db, env, "quickbooks", sinceStart)) {
      changes.push({ orgId, object: env.spec.object, side: "quickbooks", recordId: record.id, version: versionOf(record) ?? undefined });
    }
  }
  const next: PollState = { chain, at: new Date(now).toISOString(), since: new Date(now - OVERLAP_MS).toISOString() };
  await db
    .update(connections)
    .set({ reconcileCursors: sql`${connections.reconcileCursors} || ${JSON.stringify({ poll: JSON.stringify(next) })}::jsonb` })
    .where(eq(connections.id, connection.id));
  return { keepPolling: true, changes };
}
