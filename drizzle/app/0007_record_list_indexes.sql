-- Trigram matching for the record list's text search (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "record_links" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(coalesce(label, '') || ' ' || coalesce(hubspot_id, '') || ' ' || coalesce(quickbooks_id, ''))) STORED;--> statement-breakpoint
CREATE INDEX "record_links_list_updated_idx" ON "record_links" USING btree ("org_id","updated_at","id") WHERE "record_links"."parent_link_id" is null;--> statement-breakpoint
CREATE INDEX "record_links_list_object_updated_idx" ON "record_links" USING btree ("org_id","object","updated_at","id") WHERE "record_links"."parent_link_id" is null;--> statement-breakpoint
CREATE INDEX "record_links_list_state_updated_idx" ON "record_links" USING btree ("org_id","state","updated_at","id") WHERE "record_links"."parent_link_id" is null;--> statement-breakpoint
CREATE INDEX "record_links_list_object_state_updated_idx" ON "record_links" USING btree ("org_id","object","state","updated_at","id") WHERE "record_links"."parent_link_id" is null;--> statement-breakpoint
CREATE INDEX "record_links_list_label_idx" ON "record_links" USING btree ("org_id",lower(coalesce("label", '')),"id") WHERE "record_links"."parent_link_id" is null;--> statement-breakpoint
CREATE INDEX "record_links_list_object_label_idx" ON "record_links" USING btree ("org_id","object",lower(coalesce("label", '')),"id") WHERE "record_links"."parent_link_id" is null;--> statement-breakpoint
CREATE INDEX "record_links_search_idx" ON "record_links" USING gin ("search_text" gin_trgm_ops) WHERE "record_links"."parent_link_id" is null;