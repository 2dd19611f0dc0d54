/**
 * The workflow port: how a workflow is declared once (trigger, flow control, retries, handler)
 * and what its handler may use (`step.run`, `step.sleep`, `step.sendEvent`). Both executors —
 * the embedded Postgres one and Inngest — run these declarations unchanged.
 */
import { durationToMs } from "inngest";
import type { Jsonify } from "inngest/types";
import type { z } from "zod";
import { parseCron, type CronSchedule } from "./cron";
import { InvalidEventError, InvalidWorkflowError } from "./errors";
import { compileKeyExpression, type KeyExpression } from "./expression";

type EventData = Record<string, unknown>;

/** An event as sent and as a handler receives it. `id` makes sends idempotent (same id → one run). */
export interface RuntimeEvent<TName extends string = string, TData extends EventData = EventData> {
  name: TName;
  data: TData;
  id?: string;
  /** Milliseconds since the epoch; set by the sender when missing. */
  ts?: number;
}

export interface EventDefinition<TName extends string = string, TData extends EventData = EventData> {
  name: TName;
  schema: z.ZodType<TData>;
  /** Validates `data` and builds the event; throws `InvalidEventError` (and sends nothing) on bad data. */
  create(data: TData, options?: { id?: string }): RuntimeEvent<TName, TData>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any event definition, whatever its data type
export type AnyEventDefinition = EventDefinition<string, any>;

export function validateEventData<TData extends EventData>(name: string, schema: z.ZodType<TData>, data: unknown): TData {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new InvalidEventError(
      name,
      parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)),
    );
  }
  return parsed.data;
}

export function defineEvent<const TName extends string, TData extends EventData>(
  name: TName,
  schema: z.ZodType<TData>,
): EventDefinition<TName, TData> {
  if (!/^[a-z0-9][a-z0-9._/-]*$/i.test(name)) throw new InvalidEventError(name, ["event names use letters, digits, . _ / -"]);
  return {
    name,
    schema,
    create: (data, options) => ({
      name,
      data: validateEventData(name, schema, data),
      ...(options?.id ? { id: options.id } : {}),
    }),
  };
}

/** The event a cron-triggered run receives; the same name and shape Inngest uses. */
export type CronEvent = RuntimeEvent<"inngest/scheduled.timer", { cron: string }>;
export const CRON_EVENT_NAME = "inngest/scheduled.timer";

export type WorkflowTrigger = { event: AnyEventDefinition } | { cron: string };

export type TriggerEvent<TTrigger extends WorkflowTrigger | AnyEventDefinition | "cron"> = TTrigger extends {
  event: EventDefinition<infer N, infer D>;
}
  ? RuntimeEvent<N, D>
  : TTrigger extends EventDefinition<infer N, infer D>
    ? RuntimeEvent<N, D>
    : CronEvent;

/** Durations as Inngest writes them: "30s", "5m", "1h30m", or milliseconds. */
export type Duration = `${number}${"ms" | "s" | "m" | "h" | "d"}${string}` | number;

export interface StepTools {
  /** Runs `fn` once per run (its JSON result is stored and returned on replays). */
  run<T>(id: string, fn: () => Promise<T> | T): Promise<Jsonify<T extends void ? null : T>>;
  /** Parks the run for `duration` without holding a worker. */
  sleep(id: string, duration: Duration): Promise<void>;
  /** Sends events exactly once per run, whatever the number of replays. */
  sendEvent(id: string, events: RuntimeEvent | RuntimeEvent[]): Promise<{ ids: string[] }>;
}

export interface WorkflowContext<TEvent extends RuntimeEvent = RuntimeEvent> {
  event: TEvent;
  step: StepTools;
  runId: string;
  /** Zero-based attempt number of the current step (or of the handler outside steps). */
  attempt: number;
}

/**
 * The type of a handler file's default export, e.g.
 * `const handler: WorkflowHandler<typeof contactChanged> = async ({ event, step }) => { ... }`.
 */
export type WorkflowHandler<TTrigger extends WorkflowTrigger | AnyEventDefinition | "cron"> = (
  ctx: WorkflowContext<TriggerEvent<TTrigger>>,
) => Promise<unknown>;

type Retries = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20;

export interface WorkflowOptions<TTrigger extends WorkflowTrigger> {
  /** Stable id; never change it once runs exist (it keys stored runs and Inngest's function id). */
  id: string;
  name?: string;
  trigger: TTrigger;
  /** At most `limit` runs with the same key execute at once (steps of sleeping runs don't count). */
  concurrency?: { key?: string; limit: number };
  /** At most `limit` runs with the same key start per `period`; the rest wait. */
  throttle?: { key?: string; limit: number; period: Duration };
  /** Waits `period` after the last event with the same key, then runs once with that last event. */
  debounce?: { key?: string; period: Duration; timeout?: Duration };
  /** Retries per step (and for the handler outside steps). Inngest's default is 3. */
  retries?: Retries;
  /** Loaded lazily so that declaring (and sending to) a workflow doesn't import its dependencies. */
  handler: () => Promise<{ default: (ctx: WorkflowContext<TriggerEvent<NoInfer<TTrigger>>>) => Promise<unknown> }>;
}

/** A declaration checked and compiled once, as both executors consume it. */
export interface Workflow<TTrigger extends WorkflowTrigger = WorkflowTrigger> {
  readonly options: WorkflowOptions<TTrigger>;
  readonly id: string;
  readonly eventName: string | null;
  readonly cron: CronSchedule | null;
  readonly retries: number;
  readonly concurrency: { key: KeyExpression | null; limit: number } | null;
  readonly throttle: { key: KeyExpression | null; limit: number; periodMs: number } | null;
  readonly debounce: { key: KeyExpression | null; periodMs: number; timeoutMs: number | null } | null;
  /** Validates trigger data against the event's schema (throws `InvalidEventError`). */
  parseEventData(data: unknown): EventData;
  loadHandler(): Promise<(ctx: WorkflowContext) => Promise<unknown>>;
}

export const DEFAULT_RETRIES = 3;

function compileKey(workflowId: string, key: string | undefined): KeyExpression | null {
  if (key === undefined) return null;
  try {
    return compileKeyExpression(key);
  } catch (error) {
    throw new InvalidWorkflowError(workflowId, (error as Error).message);
  }
}

function toMs(workflowId: string, what: string, duration: Duration): number {
  try {
    return durationToMs(duration, { name: what });
  } catch (error) {
    throw new InvalidWorkflowError(workflowId, (error as Error).message);
  }
}

function positiveInteger(workflowId: string, what: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new InvalidWorkflowError(workflowId, `${what} must be a positive integer`);
  return value;
}

export function defineWorkflow<const TTrigger extends WorkflowTrigger>(options: WorkflowOptions<TTrigger>): Workflow<TTrigger> {
  const { id } = options;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new InvalidWorkflowError(id, "ids use lowercase letters, digits and dashes");
  const trigger: WorkflowTrigger = options.trigger;
  let cron: CronSchedule | null = null;
  if ("cron" in trigger) {
    try {
      cron = parseCron(trigger.cron);
    } catch (error) {
      throw new InvalidWorkflowError(id, (error as Error).message);
    }
    if (options.debounce) throw new InvalidWorkflowError(id, "debounce needs an event trigger");
  }
  const retries = options.retries ?? DEFAULT_RETRIES;
  if (!Number.isInteger(retries) || retries < 0 || retries > 20) throw new InvalidWorkflowError(id, "retries must be 0-20");
  const { concurrency, throttle, debounce } = options;
  return {
    options,
    id,
    eventName: "event" in trigger ? trigger.event.name : null,
    cron,
    retries,
    concurrency: concurrency
      ? { key: compileKey(id, concurrency.key), limit: positiveInteger(id, "concurrency.limit", concurrency.limit) }
      : null,
    throttle: throttle
      ? {
          key: compileKey(id, throttle.key),
          limit: positiveInteger(id, "throttle.limit", throttle.limit),
          periodMs: toMs(id, "throttle.period", throttle.period),
        }
      : null,
    debounce: debounce
      ? {
          key: compileKey(id, debounce.key),
          periodMs: toMs(id, "debounce.period", debounce.period),
          timeoutMs: debounce.timeout === undefined ? null : toMs(id, "debounce.timeout", debounce.timeout),
        }
      : null,
    parseEventData: (data) =>
      "event" in trigger ? validateEventData(trigger.event.name, trigger.event.schema, data) : ((data ?? {}) as EventData),
    loadHandler: async () => (await options.handler()).default as (ctx: WorkflowContext) => Promise<unknown>,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list holds workflows of any trigger
export type AnyWorkflow = Workflow<any>;
