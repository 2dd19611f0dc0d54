CREATE TABLE "sandbox_hubspot"."tax_rates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sandbox_hubspot"."tax_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 2148420001 CACHE 1),
	"account_id" integer NOT NULL,
	"name" text NOT NULL,
	"label" text NOT NULL,
	"percentage_rate" numeric(7, 4) NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sandbox_hubspot"."tax_rates" ADD CONSTRAINT "tax_rates_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "sandbox_hubspot"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tax_rates_account_idx" ON "sandbox_hubspot"."tax_rates" USING btree ("account_id","id");