/**
 * Helpers for the engine's integration tests (engine-*.int.test.ts): acting as a user in either
 * sandbox and reading both sides and the links back.
 */
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { recordLinks, syncActivity, webhookInbox, type SyncObject } from "../../db/schema";
import type { HubSpotClient } from "../../providers/hubspot/client";
import type { HubSpotObject } from "../../providers/hubspot/types";
import type { QboCustomer, QboItem } from "../../providers/quickbooks/types";
import type { SyncContext } from "../context";
import { loadSyncConfig } from "../config";
import { eventually } from "../../testing/stack";
import { quickbooksPollRequested } from "../../../inngest/events";
import { events, runs } from "../../runtime/embedded/schema";
import { sandboxDb as hubspotSandboxDb } from "../../sandbox/hubspot/store/db";
import { webhookDeliveries, webhookEvents } from "../../sandbox/hubspot/store/schema";

export const CONTACT_PROPS = ["email", "firstname", "lastname", "phone", "company"];
export const PRODUCT_PROPS = ["name", "hs_sku", "price", "description"];

export async function links(orgId: string, object: SyncObject) {
  return db()
    .select()
    .from(recordLinks)
    .where(and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, object)));
}

export async function linkBy(orgId: string, object: SyncObject, side: "hubspot" | "quickbooks", id: string) {
  return (await links(orgId, object)).find((l) => (side === "hubspot" ? l.hubspotId : l.quickbooksId) === id);
}

export async function activityOf(linkId: string) {
  return db().select().from(syncActivity).where(eq(syncActivity.linkId, linkId)).orderBy(syncActivity.at);
}

/** Activity rows that wrote to a provider (created, updated, linked with changes, conflicts resolved). */
export async function writesOf(linkIds: string[]) {
  if (linkIds.length === 0) return [];
  const rows = await db().select().from(syncActivity).where(inArray(syncActivity.linkId, linkIds));
  return rows.filter((r) => ["created", "updated", "conflict_resolved"].includes(r.action) || (r.action === "linked" && r.changedFields.length > 0));
}

/** Waits for the object's initial sync to be done and `count` links to have settled. */
export async function initialSyncDone(orgId: string, object: SyncObject, count: number) {
  return eventually(
    async () => {
      if ((await loadSyncConfig(db(), orgId, object)).initialSyncRunId) return undefined;
      const rows = await links(orgId, object);
      return rows.length === count && rows.every((r) => r.state !== "pending") ? rows : undefined;
    },
    `the initial ${object} sync`,
    45_000,
  );
}

/**
 * Waits for the object's initial-sync run to complete. Until its run has begun an initial sync
 * shows no run id and no links, like one that is done: `initialSyncDone` alone can pass too early.
 */
export async function initialSyncRunCompleted(orgId: string, object: SyncObject) {
  await eventually(async () => {
    const [run] = await db()
      .select({ status: runs.status })
      .from(runs)
      .where(sql`${runs.workflowId} = 'initial-sync' and ${runs.event}->'data'->>'orgId' = ${orgId} and ${runs.event}->'data'->>'object' = ${object}`);
    return run?.status === "completed";
  }, `the initial ${object} sync's run`);
}

/** Every notification about the record that reached Tandem is dealt with, and at least `atLeast` came. */
export async function notificationsProcessed(provider: "hubspot" | "quickbooks", recordId: string, atLeast: number) {
  return eventually(async () => {
    const rows = await db()
      .select()
      .from(webhookInbox)
      .where(and(eq(webhookInbox.provider, provider), eq(webhookInbox.recordId, recordId)));
    return rows.length >= atLeast && rows.every((r) => r.processedAt !== null) ? rows : undefined;
  }, `the ${provider} notifications about ${recordId} to be processed`);
}

export async function inboxCount(provider: "hubspot" | "quickbooks", recordId: string) {
  const rows = await db()
    .select()
    .from(webhookInbox)
    .where(and(eq(webhookInbox.provider, provider), eq(webhookInbox.recordId, recordId)));
  return rows.length;
}

export async function newCustomer(ctx: SyncContext, given: string, family: string | null, email: string | null, extra: Partial<QboCustomer> = {}) {
  return ctx.quickbooks.create<QboCustomer>(
    "Customer",
    {
      DisplayName: [given, family].filter(Boolean).join(" "),
      GivenName: given,
      ...(family ? { FamilyName: family } : {}),
      ...(email ? { PrimaryEmailAddr: { Address: email } } : {}),
      ...extra,
    },
    `seed-${given}-${Math.random()}`,
  );
}

/** A user's edit in QuickBooks (a sparse update; "" clears a field, as in QuickBooks' own UI). */
export async function editCustomer(ctx: SyncContext, id: string, patch: Record<string, unknown>) {
  const current = await ctx.quickbooks.get<QboCustomer>("Customer", id);
  return ctx.quickbooks.update<QboCustomer>("Customer", { Id: id, SyncToken: current.SyncToken, ...patch }, `user-edit-${Math.random()}`);
}

export async function editItem(ctx: SyncContext, id: string, patch: Record<string, unknown>) {
  const current = await ctx.quickbooks.get<QboItem>("Item", id);
  return ctx.quickbooks.update<QboItem>("Item", { Id: id, SyncToken: current.SyncToken, ...patch }, `user-edit-${Math.random()}`);
}

export const customer = (ctx: SyncContext, id: string) => ctx.quickbooks.get<QboCustomer>("Customer", id);
export const item = (ctx: SyncContext, id: string) => ctx.quickbooks.get<QboItem>("Item", id);

export async function contact(client: HubSpotClient, id: string, extra: string[] = []): Promise<HubSpotObject> {
  return client.getObject("contacts", id, [...CONTACT_PROPS, ...extra]);
}

export async function product(client: HubSpotClient, id: string): Promise<HubSpotObject> {
  return client.getObject("products", id, PRODUCT_PROPS);
}

/** A HubSpot value as the engine compares it: "" and missing are both empty. */
export const hs = (value: string | null | undefined) => (value === undefined || value === null || value === "" ? null : value);
/** A QuickBooks value as the engine compares it. */
export const qb = (value: string | number | null | undefined) => (value === undefined || value === null || value === "" ? null : value);

/** The contact fields both sides hold, side by side. */
export function contactPair(c: HubSpotObject, q: QboCustomer) {
  return {
    hubspot: {
      email: hs(c.properties.email),
      firstName: hs(c.properties.firstname),
      lastName: hs(c.properties.lastname),
      companyName: hs(c.properties.company),
      phone: hs(c.properties.phone),
    },
    quickbooks: {
      email: qb(q.PrimaryEmailAddr?.Address),
      firstName: qb(q.GivenName),
      lastName: qb(q.FamilyName),
      companyName: qb(q.CompanyName),
      phone: qb(q.PrimaryPhone?.FreeFormNumber),
    },
  };
}

/**
 * Waits until a run of `workflowId` for the org, created at or after `since`, has completed and
 * no run of the org (the record syncs it queued included) is still queued, running or sleeping,
 * nor any event of the org still waiting to become one.
 */
export async function orgWorkSettled(orgId: string, workflowId: string, since: Date) {
  return eventually(
    async () => {
      const rows = await db()
        .select()
        .from(runs)
        .where(sql`${runs.event}->'data'->>'orgId' = ${orgId}`);
      const done = rows.some((r) => r.workflowId === workflowId && r.status === "completed" && r.createdAt >= since);
      // The org's QuickBooks poll chain never finishes while a sync is on: it is not queued work.
      const work = rows.filter((r) => r.workflowId !== "poll-quickbooks");
      if (!done || !work.every((r) => r.status === "completed" || r.status === "failed")) return undefined;
      // A run that just ended may have sent events the runtime has not made runs of yet.
      const unsent = await db()
        .select({ name: events.name })
        .from(events)
        .where(and(isNull(events.fannedOutAt), sql`${events.data}->>'orgId' = ${orgId}`, ne(events.name, quickbooksPollRequested.name)));
      return unsent.length === 0 ? rows : undefined;
    },
    `${workflowId} and the work it queued to finish`,
    30_000,
  );
}

/**
 * Waits until the sandbox HubSpot has delivered every notification of the account: HubSpot sends
 * them up to a few seconds after the write, so one can start a run after the org's work looked settled.
 */
export async function hubspotNotificationsDelivered(accountId: number) {
  await eventually(async () => {
    const [waiting] = await hubspotSandboxDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookEvents)
      .where(and(eq(webhookEvents.accountId, accountId), sql`${webhookEvents.deliveryId} is null`));
    const [sending] = await hubspotSandboxDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.accountId, accountId), eq(webhookDeliveries.status, "pending")));
    return waiting?.n === 0 && sending?.n === 0;
  }, `HubSpot account ${accountId}'s notifications to be delivered`);
}
