ALTER TABLE "sandbox_quickbooks"."webhook_deliveries" DROP COLUMN "entity_type";--> statement-breakpoint
ALTER TABLE "sandbox_quickbooks"."webhook_deliveries" DROP COLUMN "entity_id";--> statement-breakpoint
ALTER TABLE "sandbox_quickbooks"."webhook_deliveries" DROP COLUMN "operation";