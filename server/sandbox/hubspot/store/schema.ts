import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, numeric, pgSchema, primaryKey, real, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { AccountFaults } from "../domain/fault-injection";
import type { PropertyDefinition } from "../domain/properties";
import type { Subscription, WebhookEvent } from "../domain/webhook-events";

/** The sandbox HubSpot's own tables; nothing here is shared with the product. */
export const sandboxHubspot = pgSchema("sandbox_hubspot");

export const accounts = sandboxHubspot.table("accounts", {
  // The portal id ("hub id"); real ones are 8-9 digit numbers.
  id: integer("id").primaryKey().generatedAlwaysAsIdentity({ startWith: 40_000_001 }),
  name: text("name").notNull(),
  isDemo: boolean("is_demo").notNull().default(false),
  faults: jsonb("faults").$type<AccountFaults>().notNull().default({}),
  timeScale: real("time_scale"),
  tokenLifetimeSeconds: integer("token_lifetime_seconds"),
  searchableDelayMs: integer("searchable_delay_ms").notNull().default(0),
  nextInvoiceNumber: integer("next_invoice_number").notNull().default(1001),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const users = sandboxHubspot.table("users", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity({ startWith: 7_000_001 }),
  accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
  email: text("email").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const apps = sandboxHubspot.table("apps", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity({ startWith: 3_000_001 }),
  name: text("name").notNull().unique(),
  clientId: text("client_id").notNull().unique(),
  clientSecret: text("client_secret").notNull(),
  redirectUris: jsonb("redirect_uris").$type<string[]>().notNull().default([]),
  webhookUrl: text("webhook_url"),
  subscriptions: jsonb("subscriptions").$type<Subscription[]>().notNull().default([]),
  tokenLifetimeSeconds: integer("token_lifetime_seconds"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

// `code`, `token` and `refresh_token` below hold SHA-256 hashes (hex), never the values themselves.
export const authorizationCodes = sandboxHubspot.table("authorization_codes", {
  code: text("code").primaryKey(),
  appId: integer("app_id").notNull().references(() => apps.id, { onDelete: "cascade" }),
  accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
  userId: integer("user_id").notNull(),
  redirectUri: text("redirect_uri").notNull(),
  scopes: jsonb("scopes").$type<string[]>().notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

export const refreshTokens = sandboxHubspot.table("refresh_tokens", {
  token: text("token").primaryKey(),
  appId: integer("app_id").notNull().references(() => apps.id, { onDelete: "cascade" }),
  accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
  userId: integer("user_id").notNull(),
  scopes: jsonb("scopes").$type<string[]>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

export const accessTokens = sandboxHubspot.table("access_tokens", {
  token: text("token").primaryKey(),
  refreshToken: text("refresh_token").notNull().references(() => refreshTokens.token, { onDelete: "cascade" }),
  appId: integer("app_id").notNull(),
  accountId: integer("account_id").notNull(),
  userId: integer("user_id").notNull(),
  scopes: jsonb("scopes").$type<string[]>().notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

export const objects = sandboxHubspot.table(
  "objects",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity({ startWith: 10_000_001 }),
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    objectType: text("object_type").notNull(),
    properties: jsonb("properties").$type<Record<string, string>>().notNull(),
    archived: boolean("archived").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    index("objects_account_type_idx").on(t.accountId, t.objectType, t.id),
    // HubSpot refuses a second live contact with the same email (409 CONFLICT).
    uniqueIndex("objects_contact_email_uq")
      .on(t.accountId, sql`lower(${t.properties}->>'email')`)
      .where(sql`${t.objectType} = 'contacts' and not ${t.archived} and coalesce(${t.properties}->>'email', '') <> ''`),
  ],
);

export const associations = sandboxHubspot.table(
  "associations",
  {
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    fromType: text("from_type").notNull(),
    fromId: bigint("from_id", { mode: "number" }).notNull(),
    toType: text("to_type").notNull(),
    toId: bigint("to_id", { mode: "number" }).notNull(),
    typeId: integer("type_id").notNull(),
    category: text("category").notNull().default("HUBSPOT_DEFINED"),
  },
  (t) => [primaryKey({ columns: [t.fromType, t.fromId, t.toType, t.toId, t.typeId] }), index("associations_to_idx").on(t.toType, t.toId)],
);

export const customProperties = sandboxHubspot.table(
  "custom_properties",
  {
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    objectType: text("object_type").notNull(),
    name: text("name").notNull(),
    definition: jsonb("definition").$type<PropertyDefinition>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.objectType, t.name] })],
);

export const webhookEvents = sandboxHubspot.table(
  "webhook_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    appId: integer("app_id").notNull().references(() => apps.id, { onDelete: "cascade" }),
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    event: jsonb("event").$type<WebhookEvent>().notNull(),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull().defaultNow(),
    deliveryId: bigint("delivery_id", { mode: "number" }),
  },
  (t) => [index("webhook_events_pending_idx").on(t.availableAt).where(sql`${t.deliveryId} is null`)],
);

export interface DeliveryAttempt {
  attemptNumber: number;
  at: string;
  status: number | null;
  error: string | null;
}

export const webhookDeliveries = sandboxHubspot.table(
  "webhook_deliveries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    appId: integer("app_id").notNull().references(() => apps.id, { onDelete: "cascade" }),
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    targetUrl: text("target_url").notNull(),
    events: jsonb("events").$type<WebhookEvent[]>().notNull(),
    // pending → delivered | failed (retries exhausted) | dropped (fault injection)
    status: text("status").notNull().default("pending"),
    attempts: jsonb("attempts").$type<DeliveryAttempt[]>().notNull().default([]),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`)],
);

/** The account's tax rate library (Settings → Tax rates): what a line item's `hs_tax_rate_group_id` names. */
export const taxRates = sandboxHubspot.table(
  "tax_rates",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity({ startWith: 2_148_420_001 }),
    accountId: integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    label: text("label").notNull(),
    percentageRate: numeric("percentage_rate", { precision: 7, scale: 4 }).notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("tax_rates_account_idx").on(t.accountId, t.id)],
);
