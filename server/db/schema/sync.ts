import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
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
    /** Bumped by every mapping change; a link's snapshots remember the version they were taken under. */
    mappingVersion: integer("mapping_version").notNull().default(1),
    /** The run of the initial sync in progress (single-record changes wait for it), null when none. */
    initialSyncRunId: text("initial_sync_run_id"),
    initialSyncProgress: jsonb("initial_sync_progress").$type<InitialSyncProgress | null>(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("sync_configs_org_object_key").on(t.orgId, t.object)],
);

export interface InitialSyncProgress {
  startedAt: string;
  finishedAt?: string;
  pages: number;
  read: number;
  created: number;
  updated: number;
  linked: number;
  unchanged: number;
  excluded: number;
  failed: number;
}

export const mappingDirection = pgEnum("mapping_direction", ["both", "to_quickbooks", "to_hubspot"]);
export const fieldKind = pgEnum("field_kind", ["text", "email", "number", "money", "date", "enum", "boolean"]);

/**
 * One field mapped between a HubSpot property and a QuickBooks field path (`CustomField:<id>` for
 * invoice custom fields). `collection` is null for the record itself, "lines" for invoice lines.
 * Defaults are seeded per org and can be switched off; custom ones can be added and deleted.
 */
export const fieldMappings = pgTable(
  "field_mappings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    object: syncObject("object").notNull(),
    collection: text("collection").notNull().default(""),
    /** The canonical name of the field; snapshots are keyed by it. */
    key: text("key").notNull(),
    label: text("label").notNull(),
    hubspotProperty: text("hubspot_property").notNull(),
    quickbooksPath: text("quickbooks_path").notNull(),
    kind: fieldKind("kind").notNull(),
    /** Enumerations: HubSpot option value → QuickBooks value. */
    valueMap: jsonb("value_map").$type<Record<string, string> | null>(),
    direction: mappingDirection("direction").notNull().default("both"),
    /** Overrides the object's conflict winner for this field. */
    conflictWinner: conflictWinner("conflict_winner"),
    enabled: boolean("enabled").notNull().default(true),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("field_mappings_key").on(t.orgId, t.object, t.collection, t.key)],
);

export const filterDirection = pgEnum("filter_direction", ["to_quickbooks", "to_hubspot"]);

export interface FilterCondition {
  /** A property of the record on the side it comes from (HubSpot property, QuickBooks field path, or createdAt/updatedAt). */
  field: string;
  operator: "eq" | "neq" | "contains" | "not_contains" | "gt" | "gte" | "lt" | "lte" | "is_set" | "is_not_set" | "in";
  value?: string;
}

/**
 * A filter group on the records that go one way: every group of an object and direction must
 * pass; inside a group the conditions are ANDed (`match: all`) or ORed (`any`). Fixed rules are
 * stored locked, with the reason shown to the user.
 */
export const syncFilters = pgTable(
  "sync_filters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    object: syncObject("object").notNull(),
    direction: filterDirection("direction").notNull(),
    match: text("match").$type<"all" | "any">().notNull().default("all"),
    conditions: jsonb("conditions").$type<FilterCondition[]>().notNull(),
    label: text("label"),
    locked: boolean("locked").notNull().default(false),
    reason: text("reason"),
    /** Names the object spec's fixed rule a locked row stores (null for the user's filters). */
    fixedKey: text("fixed_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sync_filters_object_idx").on(t.orgId, t.object, t.direction), uniqueIndex("sync_filters_fixed_key").on(t.orgId, t.object, t.fixedKey)],
);

/** Objects whose links hang off a parent link (a payment off its invoice) yet are records of their own. */
export const OWN_RECORD_CHILD_OBJECTS = ["payments"] as const;

/** Mapped values as last synced on one side, keyed by mapping key. */
export type Snapshot = Record<string, unknown>;

/** What a record showed before its connection expired, put back on reconnect. */
export interface SuspendedState {
  state: RecordState;
  errorCode: string | null;
  errorDetail: string | null;
}

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
    /** Tandem made the non-origin side's record (a create), rather than linking two that existed (a match). */
    counterpartCreated: boolean("counterpart_created").notNull().default(false),
    /** Child records (invoice lines) and applications (a payment over several invoices) hang off their parent. */
    parentLinkId: uuid("parent_link_id").references((): AnyPgColumn => recordLinks.id, { onDelete: "cascade" }),
    label: text("label"),
    hubspotSnapshot: jsonb("hubspot_snapshot").$type<Snapshot | null>(),
    quickbooksSnapshot: jsonb("quickbooks_snapshot").$type<Snapshot | null>(),
    mappingVersion: integer("mapping_version"),
    state: recordState("state").notNull().default("pending"),
    errorCode: text("error_code"),
    errorDetail: text("error_detail"),
    excludedReason: text("excluded_reason"),
    suspended: jsonb("suspended").$type<SuspendedState | null>(),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * What the record list's text search looks in, lower-cased (trigram-indexed): the label, both
     * ids, and as last synced on either side a contact's email and an invoice's number (the label
     * shows a customer's DisplayName and one side's number only).
     */
    /**
     * A record of its own in the overview, the record list and retries: a top-level link or one of
     * the objects that hang off a parent yet are records of their own (OWN_RECORD_CHILD_OBJECTS).
     * Stored so the list's partial indexes and its queries name the same condition.
     */
    ownRecord: boolean("own_record")
      .notNull()
      .generatedAlwaysAs(sql.raw(`parent_link_id is null or object in (${OWN_RECORD_CHILD_OBJECTS.map((o) => `'${o}'`).join(", ")})`)),
    searchText: text("search_text").generatedAlwaysAs(
      sql`lower(coalesce(label, '') || ' ' || coalesce(hubspot_id, '') || ' ' || coalesce(quickbooks_id, '') || ' ' || coalesce(hubspot_snapshot->>'email', '') || ' ' || coalesce(quickbooks_snapshot->>'email', '') || ' ' || coalesce(hubspot_snapshot->>'number', '') || ' ' || coalesce(quickbooks_snapshot->>'number', ''))`,
    ),
  },
  (t) => [
    uniqueIndex("record_links_hubspot_key").on(t.orgId, t.object, t.hubspotId),
    uniqueIndex("record_links_quickbooks_key").on(t.orgId, t.object, t.quickbooksId),
    index("record_links_state_idx").on(t.orgId, t.object, t.state),
    index("record_links_error_idx").on(t.orgId, t.errorCode).where(sql`${t.errorCode} is not null`),
    // A record's children (an invoice's lines) for its detail, and the cascade when a parent goes.
    index("record_links_children_idx").on(t.parentLinkId).where(sql`${t.parentLinkId} is not null`),
    // The record list (records of their own only): one index per sort and filter combination it offers,
    // so every page, however deep (keyset on the sort key + id), is an index range scan.
    index("record_links_list_updated_idx").on(t.orgId, t.updatedAt, t.id).where(sql`${t.ownRecord}`),
    index("record_links_list_object_updated_idx").on(t.orgId, t.object, t.updatedAt, t.id).where(sql`${t.ownRecord}`),
    index("record_links_list_state_updated_idx").on(t.orgId, t.state, t.updatedAt, t.id).where(sql`${t.ownRecord}`),
    index("record_links_list_object_state_updated_idx").on(t.orgId, t.object, t.state, t.updatedAt, t.id).where(sql`${t.ownRecord}`),
    index("record_links_list_label_idx").on(t.orgId, sql`lower(coalesce(${t.label}, ''))`, t.id).where(sql`${t.ownRecord}`),
    index("record_links_list_object_label_idx").on(t.orgId, t.object, sql`lower(coalesce(${t.label}, ''))`, t.id).where(sql`${t.ownRecord}`),
    index("record_links_search_idx").using("gin", t.searchText.op("gin_trgm_ops")).where(sql`${t.ownRecord}`),
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
    /** Per changed field, the value on the written side before and after. */
    changes: jsonb("changes").$type<Record<string, { before: unknown; after: unknown }>>().notNull().default({}),
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

/**
 * Changes noticed while their object's initial sync was running, kept here instead of as runs that
 * wait it out: once it is done, those it didn't already sync (at the version noticed) run.
 */
export const parkedChanges = pgTable(
  "parked_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    object: syncObject("object").notNull(),
    side: recordSide("side").notNull(),
    recordId: text("record_id").notNull(),
    /** The version the QuickBooks poll or reconciliation saw; null for a notification's (a read tells). */
    version: text("version"),
    /** A resync: applied even when unchanged. */
    force: boolean("force").notNull().default(false),
    parkedAt: timestamp("parked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("parked_changes_object_idx").on(t.orgId, t.object, t.id),
    // The poll finds a change again on every pass within its overlap: it is parked once.
    uniqueIndex("parked_changes_change_key").on(t.orgId, t.object, t.side, t.recordId, sql`coalesce(${t.version}, '')`, t.force),
  ],
);

/**
 * Provider requests per connection and time window, shared by every process through Postgres so
 * that the provider's limit holds however many workers run.
 */
export const providerRateWindows = pgTable(
  "provider_rate_windows",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    requests: integer("requests").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/**
 * Provider requests in flight per connection, one lease each, shared by every process through
 * Postgres so that the provider's concurrency cap holds however many workers run. A lease that
 * is never given back (its process died) stops counting at `expires_at`.
 */
export const providerConcurrencyLeases = pgTable(
  "provider_concurrency_leases",
  {
    leaseId: uuid("lease_id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("provider_concurrency_leases_key_idx").on(t.key, t.expiresAt)],
);

export const taxMode = pgEnum("tax_mode", ["exclusive", "inclusive"]);

/**
 * How HubSpot line-item tax reaches a QuickBooks company that requires tax: the QuickBooks tax
 * code for lines without a HubSpot tax rate, and whether QuickBooks reads amounts with or without tax.
 */
export const taxSettings = pgTable("tax_settings", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => orgs.id, { onDelete: "cascade" }),
  defaultTaxCodeId: text("default_tax_code_id"),
  mode: taxMode("mode").notNull().default("exclusive"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Each HubSpot tax rate (from the account's tax rate library) and the QuickBooks tax code it becomes. */
export const taxRateMappings = pgTable(
  "tax_rate_mappings",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    hubspotTaxRateId: text("hubspot_tax_rate_id").notNull(),
    quickbooksTaxCodeId: text("quickbooks_tax_code_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.hubspotTaxRateId] })],
);

/**
 * Records queued together by one request (retry all of one error, the resync a mapping change
 * offers), kept so the UI can follow them to their outcome: how many ended synced or failed, and
 * which. Too many ids for a URL, so the browser asks about the batch by its id.
 */
export const syncBatches = pgTable(
  "sync_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    linkIds: uuid("link_ids").array().notNull(),
    /** The server's time of queueing: a record updated (or with activity) at or after it has run since. */
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sync_batches_org_idx").on(t.orgId, t.queuedAt)],
);
