CREATE TYPE "public"."field_kind" AS ENUM('text', 'email', 'number', 'money', 'date', 'enum', 'boolean');--> statement-breakpoint
CREATE TYPE "public"."filter_direction" AS ENUM('to_quickbooks', 'to_hubspot');--> statement-breakpoint
CREATE TYPE "public"."mapping_direction" AS ENUM('both', 'to_quickbooks', 'to_hubspot');--> statement-breakpoint
CREATE TABLE "field_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"object" "sync_object" NOT NULL,
	"collection" text DEFAULT '' NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"hubspot_property" text NOT NULL,
	"quickbooks_path" text NOT NULL,
	"kind" "field_kind" NOT NULL,
	"value_map" jsonb,
	"direction" "mapping_direction" DEFAULT 'both' NOT NULL,
	"conflict_winner" "conflict_winner",
	"enabled" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_rate_windows" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "provider_rate_windows_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "sync_filters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"object" "sync_object" NOT NULL,
	"direction" "filter_direction" NOT NULL,
	"match" text DEFAULT 'all' NOT NULL,
	"conditions" jsonb NOT NULL,
	"label" text,
	"locked" boolean DEFAULT false NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "record_links" ADD COLUMN "parent_link_id" uuid;--> statement-breakpoint
ALTER TABLE "record_links" ADD COLUMN "hubspot_snapshot" jsonb;--> statement-breakpoint
ALTER TABLE "record_links" ADD COLUMN "quickbooks_snapshot" jsonb;--> statement-breakpoint
ALTER TABLE "record_links" ADD COLUMN "mapping_version" integer;--> statement-breakpoint
ALTER TABLE "record_links" ADD COLUMN "suspended" jsonb;--> statement-breakpoint
ALTER TABLE "sync_activity" ADD COLUMN "changes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_configs" ADD COLUMN "mapping_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_configs" ADD COLUMN "initial_sync_run_id" text;--> statement-breakpoint
ALTER TABLE "sync_configs" ADD COLUMN "initial_sync_progress" jsonb;--> statement-breakpoint
ALTER TABLE "field_mappings" ADD CONSTRAINT "field_mappings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_filters" ADD CONSTRAINT "sync_filters_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "field_mappings_key" ON "field_mappings" USING btree ("org_id","object","collection","key");--> statement-breakpoint
CREATE INDEX "sync_filters_object_idx" ON "sync_filters" USING btree ("org_id","object","direction");--> statement-breakpoint
ALTER TABLE "record_links" ADD CONSTRAINT "record_links_parent_link_id_record_links_id_fk" FOREIGN KEY ("parent_link_id") REFERENCES "public"."record_links"("id") ON DELETE cascade ON UPDATE no action;