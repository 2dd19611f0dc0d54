ALTER TABLE "webhook_inbox" ADD COLUMN "object" "sync_object";--> statement-breakpoint
ALTER TABLE "webhook_inbox" ADD COLUMN "record_id" text;--> statement-breakpoint
CREATE INDEX "webhook_inbox_unprocessed_idx" ON "webhook_inbox" USING btree ("connection_id","object","record_id") WHERE "webhook_inbox"."processed_at" is null;