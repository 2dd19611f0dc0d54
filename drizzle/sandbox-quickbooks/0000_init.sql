CREATE SCHEMA "sandbox_quickbooks";
--> statement-breakpoint
CREATE TABLE "sandbox_quickbooks"."apps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text NOT NULL,
	"redirect_uris" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"webhook_url" text,
	"verifier_token" text NOT NULL,
	"webhook_format" text DEFAULT 'legacy' NOT NULL,
	"access_token_lifetime_seconds" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "apps_name_unique" UNIQUE("name"),
	CONSTRAINT "apps_client_id_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_quickbooks"."authorization_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"grant_id" uuid NOT NULL,
	"redirect_uri" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sandbox_quickbooks"."companies" (
	"realm_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"utc_offset" text DEFAULT '-08:00' NOT NULL,
	"company_info" jsonb NOT NULL,
	"company_info_sync_token" integer DEFAULT 0 NOT NULL,
	"preferences" jsonb NOT NULL,
	"preferences_sync_token" integer DEFAULT 0 NOT NULL,
	"last_ids" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"time_scale" double precision,
	"access_token_lifetime_seconds" integer,
	"faults" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_quickbooks"."entities" (
	"realm_id" text NOT NULL,
	"entity_type" text NOT NULL,
	"id" text NOT NULL,
	"body" jsonb NOT NULL,
	"sync_token" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "entities_realm_id_entity_type_id_pk" PRIMARY KEY("realm_id","entity_type","id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_quickbooks"."grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" uuid NOT NULL,
	"realm_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sandbox_quickbooks"."idempotent_responses" (
	"realm_id" text NOT NULL,
	"request_id" text NOT NULL,
	"status" integer NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotent_responses_realm_id_request_id_pk" PRIMARY KEY("realm_id","request_id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_quickbooks"."request_log" (
	"intuit_tid" text PRIMARY KEY NOT NULL,
	"realm_id" text,
	"client_id" text,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_quickbooks"."tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"grant_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_quickbooks"."webhook_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"status_code" integer,
	"error" text,
	"duplicate" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_quickbooks"."webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" uuid NOT NULL,
	"realm_id" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"operation" text NOT NULL,
	"url" text NOT NULL,
	"body" text NOT NULL,
	"content_type" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sandbox_quickbooks"."authorization_codes" ADD CONSTRAINT "authorization_codes_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "sandbox_quickbooks"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_quickbooks"."entities" ADD CONSTRAINT "entities_realm_id_companies_realm_id_fk" FOREIGN KEY ("realm_id") REFERENCES "sandbox_quickbooks"."companies"("realm_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_quickbooks"."grants" ADD CONSTRAINT "grants_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "sandbox_quickbooks"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_quickbooks"."grants" ADD CONSTRAINT "grants_realm_id_companies_realm_id_fk" FOREIGN KEY ("realm_id") REFERENCES "sandbox_quickbooks"."companies"("realm_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_quickbooks"."tokens" ADD CONSTRAINT "tokens_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "sandbox_quickbooks"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_quickbooks"."webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "sandbox_quickbooks"."webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_quickbooks"."webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "sandbox_quickbooks"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entities_changed_idx" ON "sandbox_quickbooks"."entities" USING btree ("realm_id","updated_at");--> statement-breakpoint
CREATE INDEX "request_log_realm_idx" ON "sandbox_quickbooks"."request_log" USING btree ("realm_id","created_at");--> statement-breakpoint
CREATE INDEX "tokens_grant_idx" ON "sandbox_quickbooks"."tokens" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "sandbox_quickbooks"."webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_realm_idx" ON "sandbox_quickbooks"."webhook_deliveries" USING btree ("realm_id","created_at");