import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { orgs, users } from "./accounts";

export const provider = pgEnum("provider", ["hubspot", "quickbooks"]);
export type Provider = (typeof provider.enumValues)[number];

export const connectionStatus = pgEnum("connection_status", ["active", "needs_reauth", "disconnected"]);
export type ConnectionStatus = (typeof connectionStatus.enumValues)[number];

/** Where reconciliation resumes: per object, the last change time already read from the provider. */
export type ReconcileCursors = Partial<Record<string, string>>;

/**
 * One HubSpot account and one QuickBooks company per org. Tokens are stored only encrypted
 * (`server/connections/token-crypto.ts`); a disconnected row keeps its history but no tokens.
 */
export const connections = pgTable(
  "connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    provider: provider("provider").notNull(),
    externalAccountId: text("external_account_id").notNull(),
    accountName: text("account_name"),
    status: connectionStatus("status").notNull().default("active"),
    accessTokenEncrypted: text("access_token_encrypted"),
    refreshTokenEncrypted: text("refresh_token_encrypted"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    scopes: text("scopes"),
    lastError: text("last_error"),
    reconcileCursors: jsonb("reconcile_cursors").$type<ReconcileCursors>().notNull().default({}),
    connectedByUserId: uuid("connected_by_user_id").references(() => users.id, { onDelete: "set null" }),
    connectedAt: timestamp("connected_at", { withTimezone: true }).notNull().defaultNow(),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("connections_org_provider_key").on(t.orgId, t.provider),
    index("connections_provider_account_idx").on(t.provider, t.externalAccountId),
  ],
);

/** An OAuth `state` handed to a provider, bound to the user (session) that started the flow. */
export const oauthStates = pgTable("oauth_states", {
  state: text("state").primaryKey(),
  orgId: uuid("org_id")
    .notNull()
    .references(() => orgs.id, { onDelete: "cascade" }),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  provider: provider("provider").notNull(),
  replaceExisting: boolean("replace_existing").notNull().default(false),
  /** A same-origin path to send the browser back to after the callback (see connections/return-to.ts). */
  returnTo: text("return_to"),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
