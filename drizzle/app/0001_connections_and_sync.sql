CREATE TYPE "public"."connection_status" AS ENUM('active', 'needs_reauth', 'disconnected');--> statement-breakpoint
CREATE TYPE "public"."provider" AS ENUM('hubspot', 'quickbooks');--> statement-breakpoint
CREATE TYPE "public"."conflict_winner" AS ENUM('hubspot', 'quickbooks');--> statement-breakpoint
CREATE TYPE "public"."record_side" AS ENUM('hubspot', 'quickbooks');--> statement-breakpoint
CREATE TYPE "public"."record_state" AS ENUM('synced', 'failed', 'excluded', 'pending');--> statement-breakpoint
CREATE TYPE "public"."sync_direction" AS ENUM('two_way', 'to_quickbooks', 'to_hubspot');--> statement-breakpoint
CREATE TYPE "public"."sync_object" AS ENUM('contacts', 'products', 'invoices', 'payments');--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"provider" "provider" NOT NULL,
	"external_account_id" text NOT NULL,
	"account_name" text,
	"status" "connection_status" DEFAULT 'active' NOT NULL,
	"access_token_encrypted" text,
	"refresh_token_encrypted" text,
	"access_token_expires_at" timestamp with time zone,
	"scopes" text,
	"last_error" text,
	"reconcile_cursors" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"connected_by_user_id" uuid,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"refreshed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oauth_states" (
	"state" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" "provider" NOT NULL,
	"replace_existing" boolean DEFAULT false NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"object" "sync_object" NOT NULL,
	"hubspot_id" text,
	"quickbooks_id" text,
	"origin" "record_side" NOT NULL,
	"label" text,
	"hubspot_hash" text,
	"quickbooks_hash" text,
	"state" "record_state" DEFAULT 'pending' NOT NULL,
	"error_code" text,
	"error_detail" text,
	"excluded_reason" text,
	"last_synced_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"target" "record_side" NOT NULL,
	"action" text NOT NULL,
	"changed_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error_code" text,
	"message" text,
	"run_id" text
);
--> statement-breakpoint
CREATE TABLE "sync_configs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"object" "sync_object" NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"direction" "sync_direction" NOT NULL,
	"conflict_winner" "conflict_winner" DEFAULT 'hubspot' NOT NULL,
	"started_at" timestamp with time zone,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_inbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" "provider" NOT NULL,
	"event_id" text NOT NULL,
	"connection_id" uuid,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_connected_by_user_id_users_id_fk" FOREIGN KEY ("connected_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_links" ADD CONSTRAINT "record_links_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_activity" ADD CONSTRAINT "sync_activity_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_activity" ADD CONSTRAINT "sync_activity_link_id_record_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."record_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_configs" ADD CONSTRAINT "sync_configs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_inbox" ADD CONSTRAINT "webhook_inbox_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connections_org_provider_key" ON "connections" USING btree ("org_id","provider");--> statement-breakpoint
CREATE INDEX "connections_provider_account_idx" ON "connections" USING btree ("provider","external_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_links_hubspot_key" ON "record_links" USING btree ("org_id","object","hubspot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_links_quickbooks_key" ON "record_links" USING btree ("org_id","object","quickbooks_id");--> statement-breakpoint
CREATE INDEX "record_links_state_idx" ON "record_links" USING btree ("org_id","object","state");--> statement-breakpoint
CREATE INDEX "record_links_error_idx" ON "record_links" USING btree ("org_id","error_code") WHERE "record_links"."error_code" is not null;--> statement-breakpoint
CREATE INDEX "sync_activity_link_idx" ON "sync_activity" USING btree ("link_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_configs_org_object_key" ON "sync_configs" USING btree ("org_id","object");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_inbox_event_key" ON "webhook_inbox" USING btree ("provider","event_id");