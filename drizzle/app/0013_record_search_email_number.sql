ALTER TABLE "record_links" drop column "search_text";--> statement-breakpoint
ALTER TABLE "record_links" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(coalesce(label, '') || ' ' || coalesce(hubspot_id, '') || ' ' || coalesce(quickbooks_id, '') || ' ' || coalesce(hubspot_snapshot->>'email', '') || ' ' || coalesce(quickbooks_snapshot->>'email', '') || ' ' || coalesce(hubspot_snapshot->>'number', '') || ' ' || coalesce(quickbooks_snapshot->>'number', ''))) STORED;--> statement-breakpoint
-- Dropping the column dropped its trigram index: made again over the new expression.
CREATE INDEX "record_links_search_idx" ON "record_links" USING gin ("search_text" gin_trgm_ops) WHERE "record_links"."parent_link_id" is null;
