CREATE TABLE "sandbox_quickbooks"."signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"private_key_pem" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sandbox_quickbooks"."grants" ADD COLUMN "scopes" jsonb DEFAULT '["com.intuit.quickbooks.accounting"]'::jsonb NOT NULL;