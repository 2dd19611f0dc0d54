CREATE SCHEMA "runtime";
--> statement-breakpoint
CREATE TYPE "runtime"."run_status" AS ENUM('queued', 'running', 'sleeping', 'completed', 'failed');--> statement-breakpoint
CREATE TABLE "runtime"."cron_slots" (
	"workflow_id" text NOT NULL,
	"slot_at" timestamp with time zone NOT NULL,
	"run_id" uuid,
	CONSTRAINT "cron_slots_workflow_id_slot_at_pk" PRIMARY KEY("workflow_id","slot_at")
);
--> statement-breakpoint
CREATE TABLE "runtime"."events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"name" text NOT NULL,
	"data" jsonb NOT NULL,
	"ts" bigint NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fanned_out_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "runtime"."runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workflow_id" text NOT NULL,
	"event_id" uuid,
	"event" jsonb NOT NULL,
	"status" "runtime"."run_status" DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"concurrency_key" text,
	"throttle_key" text,
	"debounce_key" text,
	"debounce_deadline" timestamp with time zone,
	"attempt" integer DEFAULT 0 NOT NULL,
	"executions" integer DEFAULT 0 NOT NULL,
	"claim_token" uuid,
	"lease_expires_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"output" jsonb,
	"error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runtime"."steps" (
	"run_id" uuid NOT NULL,
	"step_key" text NOT NULL,
	"output" jsonb,
	"wake_at" timestamp with time zone,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "steps_run_id_step_key_pk" PRIMARY KEY("run_id","step_key")
);
--> statement-breakpoint
ALTER TABLE "runtime"."steps" ADD CONSTRAINT "steps_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "runtime"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "events_external_id_key" ON "runtime"."events" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "events_pending_idx" ON "runtime"."events" USING btree ("received_at") WHERE "runtime"."events"."fanned_out_at" is null;--> statement-breakpoint
CREATE INDEX "runs_due_idx" ON "runtime"."runs" USING btree ("run_at") WHERE "runtime"."runs"."status" in ('queued', 'sleeping');--> statement-breakpoint
CREATE INDEX "runs_lease_idx" ON "runtime"."runs" USING btree ("lease_expires_at") WHERE "runtime"."runs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "runs_throttle_idx" ON "runtime"."runs" USING btree ("workflow_id","throttle_key","started_at");--> statement-breakpoint
CREATE INDEX "runs_workflow_idx" ON "runtime"."runs" USING btree ("workflow_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "runs_debounce_pending_key" ON "runtime"."runs" USING btree ("workflow_id","debounce_key") WHERE "runtime"."runs"."status" = 'queued' and "runtime"."runs"."debounce_key" is not null and "runtime"."runs"."started_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "runs_event_workflow_key" ON "runtime"."runs" USING btree ("event_id","workflow_id");