CREATE TYPE "public"."backfill_state" AS ENUM('running', 'cancelling', 'cancelled', 'finished', 'failed');--> statement-breakpoint
CREATE TABLE "backfills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"object" "sync_object" NOT NULL,
	"direction" "filter_direction" NOT NULL,
	"range_from" date NOT NULL,
	"range_to" date NOT NULL,
	"state" "backfill_state" DEFAULT 'running' NOT NULL,
	"started_by" uuid,
	"expected" jsonb,
	"page_counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"resumes" integer DEFAULT 0 NOT NULL,
	"last_resumed_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "backfills" ADD CONSTRAINT "backfills_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backfills" ADD CONSTRAINT "backfills_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "backfills_org_idx" ON "backfills" USING btree ("org_id","object","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "backfills_one_active" ON "backfills" USING btree ("org_id","object") WHERE state in ('running', 'cancelling');