CREATE SCHEMA "sandbox_hubspot";
--> statement-breakpoint
CREATE TABLE "sandbox_hubspot"."access_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"refresh_token" text NOT NULL,
	"app_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"scopes" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_hubspot"."accounts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sandbox_hubspot"."accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 40000001 CACHE 1),
	"name" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"faults" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"time_scale" real,
	"token_lifetime_seconds" integer,
	"searchable_delay_ms" integer DEFAULT 0 NOT NULL,
	"next_invoice_number" integer DEFAULT 1001 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_hubspot"."apps" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sandbox_hubspot"."apps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 3000001 CACHE 1),
	"name" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text NOT NULL,
	"redirect_uris" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"webhook_url" text,
	"subscriptions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"token_lifetime_seconds" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "apps_name_unique" UNIQUE("name"),
	CONSTRAINT "apps_client_id_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_hubspot"."associations" (
	"account_id" integer NOT NULL,
	"from_type" text NOT NULL,
	"from_id" bigint NOT NULL,
	"to_type" text NOT NULL,
	"to_id" bigint NOT NULL,
	"type_id" integer NOT NULL,
	"category" text DEFAULT 'HUBSPOT_DEFINED' NOT NULL,
	CONSTRAINT "associations_from_type_from_id_to_type_to_id_type_id_pk" PRIMARY KEY("from_type","from_id","to_type","to_id","type_id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_hubspot"."authorization_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"app_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"redirect_uri" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sandbox_hubspot"."custom_properties" (
	"account_id" integer NOT NULL,
	"object_type" text NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	CONSTRAINT "custom_properties_account_id_object_type_name_pk" PRIMARY KEY("account_id","object_type","name")
);
--> statement-breakpoint
CREATE TABLE "sandbox_hubspot"."objects" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sandbox_hubspot"."objects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 10000001 CACHE 1),
	"account_id" integer NOT NULL,
	"object_type" text NOT NULL,
	"properties" jsonb NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sandbox_hubspot"."refresh_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"app_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"scopes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sandbox_hubspot"."users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sandbox_hubspot"."users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 7000001 CACHE 1),
	"account_id" integer NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_hubspot"."webhook_deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sandbox_hubspot"."webhook_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"app_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"target_url" text NOT NULL,
	"events" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_hubspot"."webhook_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sandbox_hubspot"."webhook_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"app_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"event" jsonb NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivery_id" bigint
);
--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."access_tokens" ADD CONSTRAINT "access_tokens_refresh_token_refresh_tokens_token_fk" FOREIGN KEY ("refresh_token") REFERENCES "sandbox_hubspot"."refresh_tokens"("token") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."associations" ADD CONSTRAINT "associations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "sandbox_hubspot"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."authorization_codes" ADD CONSTRAINT "authorization_codes_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "sandbox_hubspot"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."authorization_codes" ADD CONSTRAINT "authorization_codes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "sandbox_hubspot"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."custom_properties" ADD CONSTRAINT "custom_properties_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "sandbox_hubspot"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."objects" ADD CONSTRAINT "objects_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "sandbox_hubspot"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."refresh_tokens" ADD CONSTRAINT "refresh_tokens_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "sandbox_hubspot"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."refresh_tokens" ADD CONSTRAINT "refresh_tokens_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "sandbox_hubspot"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."users" ADD CONSTRAINT "users_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "sandbox_hubspot"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "sandbox_hubspot"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "sandbox_hubspot"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."webhook_events" ADD CONSTRAINT "webhook_events_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "sandbox_hubspot"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."webhook_events" ADD CONSTRAINT "webhook_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "sandbox_hubspot"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "associations_to_idx" ON "sandbox_hubspot"."associations" USING btree ("to_type","to_id");--> statement-breakpoint
CREATE INDEX "objects_account_type_idx" ON "sandbox_hubspot"."objects" USING btree ("account_id","object_type","id");--> statement-breakpoint
CREATE UNIQUE INDEX "objects_contact_email_uq" ON "sandbox_hubspot"."objects" USING btree ("account_id",lower("properties"->>'email')) WHERE "sandbox_hubspot"."objects"."object_type" = 'contacts' and not "sandbox_hubspot"."objects"."archived" and coalesce("sandbox_hubspot"."objects"."properties"->>'email', '') <> '';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "sandbox_hubspot"."webhook_deliveries" USING btree ("next_attempt_at") WHERE "sandbox_hubspot"."webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_events_pending_idx" ON "sandbox_hubspot"."webhook_events" USING btree ("available_at") WHERE "sandbox_hubspot"."webhook_events"."delivery_id" is null;