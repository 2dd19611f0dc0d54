/**
 * The embedded executor's tables, in their own `runtime` schema (own migrations in
 * drizzle/runtime). Events are the outbox senders write to (inside their own transaction when
 * they pass one); workers fan them out into runs; a run's step results are memoized in `steps`.
 */
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const runtimeSchema = pgSchema("runtime");

export const runStatus = runtimeSchema.enum("run_status", ["queued", "running", "sleeping", "completed", "failed"]);
export type RunStatus = (typeof runStatus.enumValues)[number];

export const events = runtimeSchema.table(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The sender's id for idempotent sends; a second event with the same id is dropped. */
    externalId: text("external_id"),
    name: text("name").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    ts: bigint("ts", { mode: "number" }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    fannedOutAt: timestamp("fanned_out_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("events_external_id_key").on(t.externalId),
    index("events_pending_idx").on(t.receivedAt).where(sql`${t.fannedOutAt} is null`),
  ],
);

export interface StoredError {
  name: string;
  message: string;
  stack?: string;
  nonRetriable?: boolean;
}

export const runs = runtimeSchema.table(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workflowId: text("workflow_id").notNull(),
    eventId: uuid("event_id"),
    event: jsonb("event").$type<{ name: string; data: Record<string, unknown>; id?: string; ts: number }>().notNull(),
    status: runStatus("status").notNull().default("queued"),
    /** When the run may next be claimed (creation, debounce, backoff or sleep end). */
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    concurrencyKey: text("concurrency_key"),
    throttleKey: text("throttle_key"),
    debounceKey: text("debounce_key"),
    /** Debounce timeout: the latest time a debounced run may be pushed back to. */
    debounceDeadline: timestamp("debounce_deadline", { withTimezone: true }),
    /** Attempt number of the current step (reset when a step succeeds). */
    attempt: integer("attempt").notNull().default(0),
    /** Total executions, for inspection. */
    executions: integer("executions").notNull().default(0),
    claimToken: uuid("claim_token"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    output: jsonb("output"),
    error: jsonb("error").$type<StoredError>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("runs_due_idx").on(t.runAt).where(sql`${t.status} in ('queued', 'sleeping')`),
    index("runs_lease_idx").on(t.leaseExpiresAt).where(sql`${t.status} = 'running'`),
    index("runs_running_key_idx").on(t.workflowId, t.concurrencyKey).where(sql`${t.status} = 'running'`),
    index("runs_finished_idx").on(t.finishedAt).where(sql`${t.status} = 'completed'`),
    index("runs_throttle_idx").on(t.workflowId, t.throttleKey, t.startedAt),
    index("runs_workflow_idx").on(t.workflowId, t.createdAt),
    // One pending debounced run per key: later events replace its event and push it back.
    uniqueIndex("runs_debounce_pending_key")
      .on(t.workflowId, t.debounceKey)
      .where(sql`${t.status} = 'queued' and ${t.debounceKey} is not null and ${t.startedAt} is null`),
    // An event starts a workflow at most once, whatever the number of fan-out attempts.
    uniqueIndex("runs_event_workflow_key").on(t.eventId, t.workflowId),
  ],
);

export const steps = runtimeSchema.table(
  "steps",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    /** The step id plus an occurrence suffix when a handler reuses an id (`fetch`, `fetch:1`). */
    stepKey: text("step_key").notNull(),
    output: jsonb("output"),
    /** A step that failed for good: replays throw this (as Inngest's StepError) instead of running it. */
    error: jsonb("error").$type<StoredError>(),
    /** For sleeps: when the run may continue past this step. */
    wakeAt: timestamp("wake_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepKey] })],
);

/** One row per workflow and cron slot: whoever inserts it first starts the run. */
export const cronSlots = runtimeSchema.table(
  "cron_slots",
  {
    workflowId: text("workflow_id").notNull(),
    slotAt: timestamp("slot_at", { withTimezone: true }).notNull(),
    runId: uuid("run_id"),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.slotAt] })],
);
