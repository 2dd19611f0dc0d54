CREATE TABLE "provider_concurrency_leases" (
	"lease_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "provider_concurrency_leases_key_idx" ON "provider_concurrency_leases" USING btree ("key","expires_at");