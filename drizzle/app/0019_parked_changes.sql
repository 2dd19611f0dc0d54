CREATE TABLE "parked_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"object" "sync_object" NOT NULL,
	"side" "record_side" NOT NULL,
	"record_id" text NOT NULL,
	"version" text,
	"force" boolean DEFAULT false NOT NULL,
	"parked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "parked_changes" ADD CONSTRAINT "parked_changes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "parked_changes_object_idx" ON "parked_changes" USING btree ("org_id","object","id");--> statement-breakpoint
CREATE UNIQUE INDEX "parked_changes_change_key" ON "parked_changes" USING btree ("org_id","object","side","record_id",coalesce("version", ''),"force");