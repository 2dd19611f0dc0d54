CREATE TYPE "public"."tax_mode" AS ENUM('exclusive', 'inclusive');--> statement-breakpoint
CREATE TABLE "tax_rate_mappings" (
	"org_id" uuid NOT NULL,
	"hubspot_tax_rate_id" text NOT NULL,
	"quickbooks_tax_code_id" text NOT NULL,
	CONSTRAINT "tax_rate_mappings_org_id_hubspot_tax_rate_id_pk" PRIMARY KEY("org_id","hubspot_tax_rate_id")
);
--> statement-breakpoint
CREATE TABLE "tax_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"default_tax_code_id" text,
	"mode" "tax_mode" DEFAULT 'exclusive' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tax_rate_mappings" ADD CONSTRAINT "tax_rate_mappings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_settings" ADD CONSTRAINT "tax_settings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;