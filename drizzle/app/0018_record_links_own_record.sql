DROP INDEX "record_links_list_updated_idx";--> statement-breakpoint
DROP INDEX "record_links_list_object_updated_idx";--> statement-breakpoint
DROP INDEX "record_links_list_state_updated_idx";--> statement-breakpoint
DROP INDEX "record_links_list_object_state_updated_idx";--> statement-breakpoint
DROP INDEX "record_links_list_label_idx";--> statement-breakpoint
DROP INDEX "record_links_list_object_label_idx";--> statement-breakpoint
DROP INDEX "record_links_search_idx";--> statement-breakpoint
ALTER TABLE "record_links" ADD COLUMN "own_record" boolean GENERATED ALWAYS AS (parent_link_id is null or object in ('payments')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "record_links_list_updated_idx" ON "record_links" USING btree ("org_id","updated_at","id") WHERE "record_links"."own_record";--> statement-breakpoint
CREATE INDEX "record_links_list_object_updated_idx" ON "record_links" USING btree ("org_id","object","updated_at","id") WHERE "record_links"."own_record";--> statement-breakpoint
CREATE INDEX "record_links_list_state_updated_idx" ON "record_links" USING btree ("org_id","state","updated_at","id") WHERE "record_links"."own_record";--> statement-breakpoint
CREATE INDEX "record_links_list_object_state_updated_idx" ON "record_links" USING btree ("org_id","object","state","updated_at","id") WHERE "record_links"."own_record";--> statement-breakpoint
CREATE INDEX "record_links_list_label_idx" ON "record_links" USING btree ("org_id",lower(coalesce("label", '')),"id") WHERE "record_links"."own_record";--> statement-breakpoint
CREATE INDEX "record_links_list_object_label_idx" ON "record_links" USING btree ("org_id","object",lower(coalesce("label", '')),"id") WHERE "record_links"."own_record";--> statement-breakpoint
CREATE INDEX "record_links_search_idx" ON "record_links" USING gin ("search_text" gin_trgm_ops) WHERE "record_links"."own_record";