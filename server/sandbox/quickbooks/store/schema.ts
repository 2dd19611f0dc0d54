import { boolean, doublePrecision, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/** The sandbox QuickBooks Online keeps all of its state in its own schema; the product never reads it. */
export const sandboxQuickbooks = pgSchema("sandbox_quickbooks");

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** An app registered with the sandbox developer portal (what Intuit calls an app's keys and settings). */
export const apps = sandboxQuickbooks.table("apps", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  clientId: text("client_id").notNull().unique(),
  clientSecret: text("client_secret").notNull(),
  redirectUris: jsonb("redirect_uris").$type<string[]>().notNull().default([]),
  webhookUrl: text("webhook_url"),
  verifierToken: text("verifier_token").notNull(),
  webhookFormat: text("webhook_format").$type<"legacy" | "cloudevents">().notNull().default("legacy"),
  accessTokenLifetimeSeconds: integer("access_token_lifetime_seconds"),
  createdAt: createdAt(),
});

export interface FaultSettings {
  /** Probability (0..1) that an API request fails with 500 or 503. */
  serverErrorRate?: number;
  /** Probability (0..1) that an API request is answered with 429. */
  throttleRate?: number;
  /** Milliseconds added before every API response. */
  latencyMs?: number;
  webhookDropRate?: number;
  webhookDuplicateRate?: number;
  /** Up to this many milliseconds of random delay per webhook delivery, which also reorders them. */
  webhookMaxDelayMs?: number;
}

/** A sandbox company (realm). Preferences and CompanyInfo are whole QBO documents. */
export const companies = sandboxQuickbooks.table("companies", {
  realmId: text("realm_id").primaryKey(),
  name: text("name").notNull(),
  /** Fixed UTC offset of the company's clock, e.g. "-08:00"; every timestamp it emits carries it. */
  utcOffset: text("utc_offset").notNull().default("-08:00"),
  companyInfo: jsonb("company_info").$type<Record<string, unknown>>().notNull(),
  companyInfoSyncToken: integer("company_info_sync_token").notNull().default(0),
  preferences: jsonb("preferences").$type<Record<string, unknown>>().notNull(),
  preferencesSyncToken: integer("preferences_sync_token").notNull().default(0),
  /** The last Id handed out per entity type. */
  lastIds: jsonb("last_ids").$type<Record<string, number>>().notNull().default({}),
  timeScale: doublePrecision("time_scale"),
  accessTokenLifetimeSeconds: integer("access_token_lifetime_seconds"),
  faults: jsonb("faults").$type<FaultSettings>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every entity of every company as its QBO JSON document, plus the columns that rules and
 * queries need. A deleted record stays as a tombstone (`deleted_at`) so Change Data Capture can report it.
 */
export const entities = sandboxQuickbooks.table(
  "entities",
  {
    realmId: text("realm_id")
      .notNull()
      .references(() => companies.realmId, { onDelete: "cascade" }),
    entityType: text("entity_type").notNull(),
    id: text("id").notNull(),
    body: jsonb("body").$type<Record<string, unknown>>().notNull(),
    syncToken: integer("sync_token").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.realmId, t.entityType, t.id] }),
    index("entities_changed_idx").on(t.realmId, t.updatedAt),
    // Queries: pages in Id order, and lookups by name, email and SKU (case-insensitive).
    index("entities_live_id_idx").on(t.realmId, t.entityType, sql`((${t.id})::bigint)`).where(sql`${t.deletedAt} is null`),
    index("entities_display_name_idx").on(t.realmId, t.entityType, sql`lower(${t.body}->>'DisplayName')`).where(sql`${t.deletedAt} is null`),
    index("entities_name_idx").on(t.realmId, t.entityType, sql`lower(${t.body}->>'Name')`).where(sql`${t.deletedAt} is null`),
    index("entities_sku_idx").on(t.realmId, t.entityType, sql`lower(${t.body}->>'Sku')`).where(sql`${t.deletedAt} is null`),
    index("entities_email_idx").on(t.realmId, t.entityType, sql`lower(${t.body}->'PrimaryEmailAddr'->>'Address')`).where(sql`${t.deletedAt} is null`),
  ],
);

/** One app's authorization to one company; revoking it ends all of its tokens. */
export const grants = sandboxQuickbooks.table("grants", {
  id: uuid("id").primaryKey().defaultRandom(),
  appId: uuid("app_id")
    .notNull()
    .references(() => apps.id, { onDelete: "cascade" }),
  realmId: text("realm_id")
    .notNull()
    .references(() => companies.realmId, { onDelete: "cascade" }),
  /** What the user approved (`scope` on the consent page); `openid` adds an id_token to the code exchange. */
  scopes: jsonb("scopes").$type<string[]>().notNull().default(["com.intuit.quickbooks.accounting"]),
  createdAt: createdAt(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/** The sandbox's OpenID Connect signing keys (RS256), published at `/op/v1/jwks`; kept so id_tokens verify across restarts. */
export const signingKeys = sandboxQuickbooks.table("signing_keys", {
  kid: text("kid").primaryKey(),
  privateKeyPem: text("private_key_pem").notNull(),
  publicJwk: jsonb("public_jwk").$type<Record<string, string>>().notNull(),
  createdAt: createdAt(),
});

export const authorizationCodes = sandboxQuickbooks.table("authorization_codes", {
  code: text("code").primaryKey(),
  grantId: uuid("grant_id")
    .notNull()
    .references(() => grants.id, { onDelete: "cascade" }),
  redirectUri: text("redirect_uri").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** Tokens are stored as SHA-256 hashes; the plain value only ever exists in the token response. */
export const tokens = sandboxQuickbooks.table(
  "tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    kind: text("kind").$type<"access" | "refresh">().notNull(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** When a refresh token was used: it keeps working for a grace period after this. */
    rotatedAt: timestamp("rotated_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("tokens_grant_idx").on(t.grantId)],
);

/** The first response to each (company, requestid), replayed for repeats. */
export const idempotentResponses = sandboxQuickbooks.table(
  "idempotent_responses",
  {
    realmId: text("realm_id").notNull(),
    requestId: text("request_id").notNull(),
    status: integer("status").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.realmId, t.requestId] })],
);

/** Every API request's `intuit_tid`, as Intuit support would look it up. */
export const requestLog = sandboxQuickbooks.table(
  "request_log",
  {
    intuitTid: text("intuit_tid").primaryKey(),
    realmId: text("realm_id"),
    clientId: text("client_id"),
    method: text("method").notNull(),
    path: text("path").notNull(),
    status: integer("status").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("request_log_realm_idx").on(t.realmId, t.createdAt)],
);

export type DeliveryStatus = "pending" | "delivered" | "failed" | "dropped";

/** One change carried by a webhook; `id` is its CloudEvents id, fixed when the change is queued. */
export interface QueuedChange {
  id: string;
  entityType: string;
  entityId: string;
  operation: string;
  at: string;
}

/**
 * One webhook POST to one app, carrying one company's changes; the body is kept byte-exact
 * because it is what was signed. A `windowed` delivery gathers the company's changes until it is
 * due (`nextAttemptAt`), as Intuit batches them; fault copies (duplicated, delayed) are not.
 */
export const webhookDeliveries = sandboxQuickbooks.table(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    realmId: text("realm_id").notNull(),
    events: jsonb("events").$type<QueuedChange[]>().notNull().default([]),
    windowed: boolean("windowed").notNull().default(false),
    url: text("url").notNull(),
    body: text("body").notNull(),
    contentType: text("content_type").notNull(),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_realm_idx").on(t.realmId, t.createdAt),
  ],
);

export const webhookAttempts = sandboxQuickbooks.table("webhook_attempts", {
  id: uuid("id").primaryKey().defaultRandom(),
  deliveryId: uuid("delivery_id")
    .notNull()
    .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
  attempt: integer("attempt").notNull(),
  statusCode: integer("status_code"),
  error: text("error"),
  duplicate: boolean("duplicate").notNull().default(false),
  createdAt: createdAt(),
});
