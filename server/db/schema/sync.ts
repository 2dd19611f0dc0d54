import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { orgs } from "./accounts";
import { connections, provider } from "./connections";

export const syncObject = pgEnum("sync_object", ["contacts", "products", "invoices", "payments"]);
export type SyncObject = (typeof syncObject.enumValues)[number];

export const syncDirection = pgEnum("sync_direction", ["two_way", "to_quickbooks", "to_hubspot"]);
export const conflictWinner = pgEnum("conflict_winner", ["hubspot", "quickbooks"]);
export const recordState = pgEnum("record_state", ["synced", "failed", "excluded", "pending"]);
export type RecordState = (typeof recordState.enumValues)[number];
export const recordSide = pgEnum("record_side", ["hubspot", "quickbooks"]);

export const syncConfigs = pgTable(
  "sync_configs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    object: syncObject("object").notNull(),
    enabled: boolean("enabled").notNull().default(false),
    direction: syncDirection("direction").notNull(),
    conflictWinner: conflictWinner("conflict_winner").notNull().default("hubspot"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("sync_configs_org_object_key").on(t.orgId, t.object)],
);

/**
 * The identity of one synced record: its id on each side, where it was born, the hash of its
 * mapped fields last seen on each side (echo suppression and conflict detection) and its state.
 */
export const recordLinks = pgTable(
  "record_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    object: syncObject("object").notNull(),
    hubspotId: text("hubspot_id"),
    quickbooksId: text("quickbooks_id"),
    origin: recordSide("origin").notNull(),
    label: text("label"),
    hubspotHash: text("hubspot_hash"),
    quickbooksHash: text("quickbooks_hash"),
    state: recordState("state").notNull().default("pending"),
    errorCode: text("error_code"),
    errorDetail: text("error_detail"),
    excludedReason: text("excluded_reason"),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("record_links_hubspot_key").on(t.orgId, t.object, t.hubspotId),
    uniqueIndex("record_links_quickbooks_key").on(t.orgId, t.object, t.quickbooksId),
    index("record_links_state_idx").on(t.orgId, t.object, t.state),
    index("record_links_error_idx").on(t.orgId, t.errorCode).where(sql`${t.errorCode} is not null`),
  ],
);

export const syncActivity = pgTable(
  "sync_activity",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    linkId: uuid("link_id")
      .notNull()
      .references(() => recordLinks.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** The side that was written to (or would have been, for a failure). */
    target: recordSide("target").notNull(),
    action: text("action").notNull(),
    changedFields: jsonb("changed_fields").$type<string[]>().notNull().default([]),
    errorCode: text("error_code"),
    message: text("message"),
    runId: text("run_id"),
  },
  (t) => [index("sync_activity_link_idx").on(t.linkId, t.at)],
);

/** Webhook notifications as received, deduplicated by the provider's event id per connection. */
export const webhookInbox = pgTable(
  "webhook_inbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    provider: provider("provider").notNull(),
    eventId: text("event_id").notNull(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    /** The synced object and record it concerns; null for objects Tandem doesn't sync yet. */
    object: syncObject("object"),
    recordId: text("record_id"),
    payload: jsonb("payload").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** When a sync run for the record finished after the event arrived (bursts share one run). */
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    // Per connection: one HubSpot portal or QuickBooks company may be connected to several orgs.
    uniqueIndex("webhook_inbox_event_key").on(t.connectionId, t.eventId),
    index("webhook_inbox_unprocessed_idx").on(t.connectionId, t.object, t.recordId).where(sql`${t.processedAt} is null`),
  ],
);
