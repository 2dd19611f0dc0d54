ALTER TABLE "record_links" DROP COLUMN "hubspot_hash";--> statement-breakpoint
ALTER TABLE "record_links" DROP COLUMN "quickbooks_hash";