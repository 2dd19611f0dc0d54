import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { connections, webhookInbox, type SyncObject } from "../db/schema";
import { CONTACT_PROPERTIES } from "../providers/hubspot/convert";
import { ProviderError } from "../providers/provider-error";
import type { QboCustomer, QboItem } from "../providers/quickbooks/types";
import { loadSyncConfig } from "./config";
import type { SyncContext } from "./context";
import type { Side } from "./links";
import { withObjectLock } from "./object-lock";
import { createSyncContext } from "./org-context";
import { syncContactToQuickBooks, syncCustomerToHubSpot } from "./pipelines/contacts";
import type { RecordOutcome } from "./pipelines/outcome";
import { syncItemToHubSpot } from "./pipelines/products";
import { QUICKBOOKS_ID_PROPERTY } from "./pipelines/tandem-properties";

export interface RecordChange {
  orgId: string;
  object: SyncObject;
  side: Side;
  recordId: string;
}

export type SyncRecordResult = RecordOutcome | { status: "skipped"; reason: string };

function isGone(error: unknown): boolean {
  return error instanceof ProviderError && (error.status === 404 || error.code === "610");
}

async function syncFromSide(ctx: SyncContext, change: RecordChange): Promise<SyncRecordResult> {
  const key = `${change.object}:${change.side}`;
  try {
    switch (key) {
      case "contacts:quickbooks":
        return await syncCustomerToHubSpot(ctx, await ctx.quickbooks.get<QboCustomer>("Customer", change.recordId));
      case "contacts:hubspot": {
        const contact = await ctx.hubspot.getObject("contacts", change.recordId, [...CONTACT_PROPERTIES, QUICKBOOKS_ID_PROPERTY]);
        return (await syncContactToQuickBooks(ctx, contact)) ?? { status: "skipped", reason: "Not a QuickBooks customer" };
      }
      case "products:quickbooks":
        return await syncItemToHubSpot(ctx, await ctx.quickbooks.get<QboItem>("Item", change.recordId));
      case "products:hubspot":
        return { status: "skipped", reason: "Products sync from QuickBooks to HubSpot only" };
      default:
        return { status: "skipped", reason: `${change.object} don't sync yet` };
    }
  } catch (error) {
    // Notifications may arrive after the record is gone; there is nothing left to sync.
    if (isGone(error)) return { status: "skipped", reason: "Deleted before it could sync" };
    throw error;
  }
}

/** Every notification about the record that arrived before this run read it is now dealt with. */
async function markNotificationsProcessed(db: Database, change: RecordChange, readAt: Date): Promise<void> {
  await db
    .update(webhookInbox)
    .set({ processedAt: sql`now()` })
    .where(
      and(
        isNull(webhookInbox.processedAt),
        eq(webhookInbox.provider, change.side),
        eq(webhookInbox.object, change.object),
        eq(webhookInbox.recordId, change.recordId),
        lte(webhookInbox.receivedAt, readAt),
        inArray(webhookInbox.connectionId, db.select({ id: connections.id }).from(connections).where(eq(connections.orgId, change.orgId))),
      ),
    );
}

/**
 * Syncs one changed record, always reading its current state from the provider (notifications
 * are only hints: they may be duplicated, reordered or stale).
 */
export async function syncRecord(db: Database, change: RecordChange, runId?: string): Promise<SyncRecordResult> {
  const startedAt = new Date();
  const config = await loadSyncConfig(db, change.orgId, change.object);
  // While an initial sync of the object runs this gives up at once and the workflow retries later.
  const result: SyncRecordResult = config.enabled
    ? await withObjectLock(db, change.orgId, change.object, "try", async () =>
        syncFromSide(await createSyncContext(db, change.orgId, {}, runId), change),
      )
    : { status: "skipped", reason: `The ${change.object} sync is off` };
  await markNotificationsProcessed(db, change, startedAt);
  return result;
}
