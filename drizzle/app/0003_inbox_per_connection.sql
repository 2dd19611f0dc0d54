DROP INDEX "webhook_inbox_event_key";--> statement-breakpoint
ALTER TABLE "webhook_inbox" ALTER COLUMN "connection_id" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_inbox_event_key" ON "webhook_inbox" USING btree ("connection_id","event_id");