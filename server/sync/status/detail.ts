import { and, desc, eq, isNull, type SQL } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { fieldMappings, recordLinks, syncActivity } from "../../db/schema";
import type { Side } from "../links";
import { connectedAccounts } from "./accounts";
import { specFor } from "../objects/registry";
import { describeError } from "./describe";
import { actionLabel, presentValue, snapshotCurrency, snapshotLines } from "./present-values";
import { recordUrlBases, recordUrls } from "./record-urls";

export const ACTIVITY_LIMIT = 50;

type LinkRow = typeof recordLinks.$inferSelect;

/** A link as the UI shows it: ids, state, the error in the catalogue's words, the pages on each side. */
export function presentLink(link: Pick<LinkRow, "id" | "object" | "label" | "hubspotId" | "quickbooksId" | "origin" | "state" | "errorCode" | "errorDetail" | "excludedReason" | "lastSyncedAt" | "updatedAt">, urls: { hubspot: string | null; quickbooks: string | null }) {
  return {
    id: link.id,
    object: link.object,
    label: link.label,
    hubspotId: link.hubspotId,
    quickbooksId: link.quickbooksId,
    origin: link.origin,
    state: link.state,
    error: describeError(link.errorCode, link.errorDetail),
    excludedReason: link.excludedReason,
    lastSyncedAt: link.lastSyncedAt,
    updatedAt: link.updatedAt,
    urls,
  };
}

export type PresentedLink = ReturnType<typeof presentLink>;

/** Finds one of the org's links by a condition; undefined when the org has none (another org's link included). */
export async function findOrgLink(db: Queryable, orgId: string, where: SQL | undefined) {
  const [link] = await db.select().from(recordLinks).where(and(eq(recordLinks.orgId, orgId), where)).limit(1);
  return link;
}

const sideName = (side: Side) => (side === "hubspot" ? "HubSpot" : "QuickBooks");

/**
 * One record with what happened to it (newest first, actions and values in words: an invoice's
 * lines one row each), its parent (a payment's invoice), its children (an invoice's payments) and
 * an invoice's lines as last synced, each record with the pages on both sides.
 */
export async function recordDetail(db: Queryable, orgId: string, linkId: string) {
  const link = await findOrgLink(db, orgId, eq(recordLinks.id, linkId));
  if (!link) return null;
  const [accounts, activity, children, parent, labels] = await Promise.all([
    connectedAccounts(db, orgId),
    db
      .select()
      .from(syncActivity)
      .where(and(eq(syncActivity.orgId, orgId), eq(syncActivity.linkId, link.id)))
      .orderBy(desc(syncActivity.at), desc(syncActivity.id))
      .limit(ACTIVITY_LIMIT),
    db
      .select()
      .from(recordLinks)
      .where(and(eq(recordLinks.orgId, orgId), eq(recordLinks.parentLinkId, link.id)))
      .orderBy(recordLinks.label, recordLinks.id)
      .limit(200),
    link.parentLinkId ? findOrgLink(db, orgId, eq(recordLinks.id, link.parentLinkId)) : undefined,
    db
      .select({ key: fieldMappings.key, label: fieldMappings.label })
      .from(fieldMappings)
      .where(and(eq(fieldMappings.orgId, orgId), eq(fieldMappings.object, link.object))),
  ]);
  const bases = recordUrlBases();
  const present = (row: LinkRow) => presentLink(row, recordUrls(bases, accounts, row.object, row));
  // The fields the engine syncs besides the user's mappings (an invoice's customer and lines) have labels too.
  const system = specFor(link.object)?.systemMappings?.() ?? [];
  const fieldLabel = new Map([...system, ...labels].map((m) => [m.key, m.label]));
  const currency = snapshotCurrency(link.hubspotSnapshot, link.quickbooksSnapshot);
  return {
    ...present(link),
    parent: parent ? present(parent) : null,
    children: children.map(present),
    lines: link.object === "invoices" ? snapshotLines(currency, link.hubspotSnapshot, link.quickbooksSnapshot) : [],
    activity: activity.map((a) => ({
      id: a.id,
      at: a.at,
      /** The side written to (or that would have been, for a failure). */
      target: a.target,
      direction: a.target === "hubspot" ? ("to_hubspot" as const) : ("to_quickbooks" as const),
      directionLabel: `${sideName(a.target === "hubspot" ? "quickbooks" : "hubspot")} → ${sideName(a.target)}`,
      action: a.action,
      actionLabel: actionLabel(a.action),
      changes: (a.changedFields.length ? a.changedFields : Object.keys(a.changes)).map((field) => ({
        field,
        label: fieldLabel.get(field) ?? field,
        before: presentValue(field, a.changes[field]?.before ?? null, currency),
        after: presentValue(field, a.changes[field]?.after ?? null, currency),
      })),
      error: describeError(a.errorCode, a.errorCode ? a.message : null),
      message: a.message,
      runId: a.runId,
    })),
  };
}

/** The sync status of one invoice by its id on either side; null when Tandem doesn't know it. */
export async function invoiceStatus(db: Queryable, orgId: string, side: Side, id: string) {
  const column = side === "hubspot" ? recordLinks.hubspotId : recordLinks.quickbooksId;
  const link = await findOrgLink(db, orgId, and(eq(recordLinks.object, "invoices"), isNull(recordLinks.parentLinkId), eq(column, id)));
  if (!link) return null;
  const urls = recordUrls(recordUrlBases(), await connectedAccounts(db, orgId), "invoices", link);
  const counterpartSide: Side = side === "hubspot" ? "quickbooks" : "hubspot";
  const counterpartId = counterpartSide === "hubspot" ? link.hubspotId : link.quickbooksId;
  return {
    linkId: link.id,
    side,
    id,
    url: urls[side],
    label: link.label,
    state: link.state,
    counterpart: counterpartId ? { side: counterpartSide, id: counterpartId, url: urls[counterpartSide] } : null,
    lastSyncedAt: link.lastSyncedAt,
    error: describeError(link.errorCode, link.errorDetail),
    /** The user can retry it (it failed); `error.retryable` says whether Tandem also retries on its own. */
    canRetry: link.state === "failed",
    excludedReason: link.excludedReason,
  };
}
