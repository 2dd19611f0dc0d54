ALTER TABLE "sync_filters" ADD COLUMN "fixed_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "sync_filters_fixed_key" ON "sync_filters" USING btree ("org_id","object","fixed_key");