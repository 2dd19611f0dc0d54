import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { connections, recordLinks, webhookInbox, type SyncObject } from "../db/schema";
import { loadObjectEnv, type ObjectEnv } from "./engine/object-env";
import type { SyncOutcome } from "./engine/outcome";
import { syncOne, type SyncOneOptions } from "./engine/sync-one";
import { linkedOnBothSides, type Side } from "./links";
import { loadSyncConfig } from "./config";
import { parkChange } from "./parked-changes";
import { childSpecsOf, specFor } from "./objects/registry";
import { retryRecordsWaitingFor } from "./objects/waiting-for-products";

export interface RecordChange {
  orgId: string;
  object: SyncObject;
  side: Side;
  recordId: string;
  force?: boolean;
  /** The version the QuickBooks poll or reconciliation saw; webhooks carry none. */
  version?: string;
}

/** The webhooks about the record, to the org's connections, that no run has dealt with yet. */
function unprocessedNotifications(db: Database, change: RecordChange) {
  return and(
    isNull(webhookInbox.processedAt),
    eq(webhookInbox.provider, change.side),
    eq(webhookInbox.object, change.object),
    eq(webhookInbox.recordId, change.recordId),
    inArray(webhookInbox.connectionId, db.select({ id: connections.id }).from(connections).where(eq(connections.orgId, change.orgId))),
  );
}

/** Every notification about the record that arrived before this run read it is now dealt with. */
async function markNotificationsProcessed(db: Database, change: RecordChange, readAt: Date): Promise<void> {
  await db
    .update(webhookInbox)
    .set({ processedAt: sql`now()` })
    .where(and(unprocessedNotifications(db, change), lte(webhookInbox.receivedAt, readAt)));
}

/** A webhook about the record arrived and no run has dealt with it yet. */
async function notificationPending(db: Database, change: RecordChange): Promise<boolean> {
  const [pending] = await db.select({ id: webhookInbox.id }).from(webhookInbox).where(unprocessedNotifications(db, change)).limit(1);
  return Boolean(pending);
}

/**
 * The version the change was noticed at, which may stand in for a read unless a webhook about the
 * record is still waiting (it may tell of a later version than the poll or pass saw); that is
 * asked only when the version would be used.
 */
function noticedAt(db: Database, change: RecordChange): SyncOneOptions["noticed"] {
  if (!change.version || change.force) return undefined;
  return { version: change.version, superseded: () => notificationPending(db, change) };
}

/**
 * Syncs one changed record, reading its current state from the provider (notifications are only
 * hints: they may be duplicated, reordered or stale) unless its link already holds the version the
 * change was noticed at. "parked" means an initial sync of the object is running: the change is
 * kept and resumed once it is done (`resumeParkedChanges`), never dropped.
 */
export async function syncRecord(db: Database, change: RecordChange, runId?: string): Promise<SyncOutcome | { status: "parked" }> {
  const startedAt = new Date();
  const config = await loadSyncConfig(db, change.orgId, change.object);
  if (!specFor(change.object)) return { status: "skipped", reason: `${change.object} don't sync yet` };
  let result: SyncOutcome = { status: "skipped", reason: `The ${change.object} sync is off` };
  if (config.enabled) {
    const env = await loadObjectEnv(db, change.orgId, change.object, { runId });
    do {
      result = await syncNotified(env, change.side, change.recordId, { force: change.force, noticed: noticedAt(db, change) });
      if (result.status === "busy" && (await parkChange(db, change))) return { status: "parked" };
    } while (result.status === "busy");
    // A counterpart just created has no payments yet: only the side the record came from may.
    if (result.status === "created") await syncChildren(env, result.linkId, runId, [change.side]);
    if (result.status === "linked") await syncChildren(env, result.linkId, runId);
    // Only a record new on the other side can be what another waits for (an update was there already).
    if (result.status === "created" || result.status === "linked") await retryRecordsWaitingFor(db, change.orgId, change.object);
  }
  await markNotificationsProcessed(db, change, startedAt);
  return result;
}

/**
 * Syncs the records a notification about `id` stands for: the record itself, or each record a
 * provider record holds (a QuickBooks Payment's application to each invoice, those it no longer
 * has included). The outcome is the first that did something.
 */
export async function syncNotified(env: ObjectEnv, side: Side, id: string, options: SyncOneOptions = {}): Promise<SyncOutcome> {
  const notified = env.adapters[side].notifiedRecords;
  if (!notified) return syncOne(env, side, id, options);
  const outcomes: SyncOutcome[] = [];
  // The version noticed is the provider record's, not that of each record it holds.
  for (const recordId of await notified(id)) outcomes.push(await syncOne(env, side, recordId, { force: options.force }));
  return outcomes.find((o) => o.status === "busy") ?? outcomes.find((o) => o.status !== "skipped" && o.status !== "unchanged") ?? outcomes[0] ?? { status: "skipped", reason: "Nothing in it to sync" };
}

/**
 * A record linked for the first time brings along the records that hang off it and were waiting
 * for it (an invoice's payments made before it synced), on both sides.
 */
export async function syncChildren(parent: ObjectEnv, parentLinkId: string, runId?: string, sides: readonly Side[] = ["hubspot", "quickbooks"]): Promise<void> {
  const { db, orgId } = parent.ctx;
  const link = await db.query.recordLinks.findFirst({ where: eq(recordLinks.id, parentLinkId) });
  if (!link?.hubspotId || !link.quickbooksId) return;
  for (const spec of childSpecsOf(parent.spec.object)) {
    const env = await loadObjectEnv(db, orgId, spec.object, { runId, ctx: parent.ctx });
    if (!env.config.enabled || !spec.childIds) continue;
    for (const side of sides) {
      for (const id of await spec.childIds(env.ctx, side, side === "hubspot" ? link.hubspotId : link.quickbooksId)) await syncNotified(env, side, id);
    }
  }
}

/** Records per page read by `waitingChildren`. */
const CHILD_PAGE_SIZE = 100;

/**
 * After an initial sync of `parent` (invoices), the records hanging off its records that can sync
 * now: paid on a side and their parent linked on both (an invoice's payments made before the sync
 * started). Each then syncs as a change of its own.
 */
export async function waitingChildren(db: Database, orgId: string, parent: SyncObject): Promise<RecordChange[]> {
  const changes: RecordChange[] = [];
  for (const spec of childSpecsOf(parent)) {
    const env = await loadObjectEnv(db, orgId, spec.object);
    if (!env.config.enabled) continue;
    for (const side of ["quickbooks", "hubspot"] as const) {
      for (let cursor: string | null = null, first = true; first || cursor; first = false) {
        const page = await env.adapters[side].page(cursor, CHILD_PAGE_SIZE);
        cursor = page.next;
        const candidates = page.records.filter((record) => spec.parentIdOf?.(record));
        const parentIds = [...new Set(candidates.map((record) => spec.parentIdOf!(record)!))];
        if (parentIds.length === 0) continue;
        const linked = await linkedOnBothSides(db, orgId, parent, side, parentIds);
        for (const record of candidates) {
          if (linked.has(spec.parentIdOf!(record)!)) changes.push({ orgId, object: spec.object, side, recordId: record.id });
        }
      }
    }
  }
  return changes;
}
