ALTER TABLE "sandbox_quickbooks"."webhook_deliveries" ADD COLUMN "events" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_quickbooks"."webhook_deliveries" ADD COLUMN "windowed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Deliveries queued before batching carried one change each, in the columns 0003 drops.
UPDATE "sandbox_quickbooks"."webhook_deliveries" SET "events" = jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'entityType', "entity_type", 'entityId', "entity_id", 'operation', "operation", 'at', "created_at"));
