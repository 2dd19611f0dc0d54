/**
 * One execution of a claimed run: the handler is replayed from the top, memoized steps return
 * their stored results without running, and the first new step that can't complete in this
 * execution (a failure, a sleep) interrupts it. Every write is fenced by the claim token, so a
 * worker that lost its lease can't overwrite the new owner's progress.
 */
import { durationToMs, StepError } from "inngest";
import { and, eq, sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { AnyWorkflow, RuntimeEvent, StepTools, WorkflowContext } from "../definition";
import { enqueueEvents } from "./enqueue";
import { runs, steps, type StoredError } from "./schema";
import { isNonRetriable } from "../errors";
import { toJson, toStoredError } from "./serialize";

export type RuntimeDatabase = PostgresJsDatabase<Record<string, never>>;

export type ExecutionOutcome =
  | { kind: "completed"; output: unknown }
  /** `final`: the error is a step's that already used up its retries; the run fails without more. */
  | { kind: "failed"; error: unknown; stepKey: string | null; final?: boolean }
  | { kind: "sleeping"; until: Date }
  | { kind: "lease-lost" };

export interface ClaimedRun {
  id: string;
  claimToken: string;
  workflowId: string;
  event: { name: string; data: Record<string, unknown>; id?: string; ts: number };
  attempt: number;
}

export interface ExecutionEnvironment {
  db: RuntimeDatabase;
  now: () => number;
  leaseMs: number;
}

class LeaseLostError extends Error {
  constructor() {
    super("the run's lease was taken over by another worker");
  }
}

export async function executeRun(env: ExecutionEnvironment, workflow: AnyWorkflow, run: ClaimedRun): Promise<ExecutionOutcome> {
  const { db, now } = env;
  const memo = new Map(
    (await db.select().from(steps).where(eq(steps.runId, run.id))).map((s) => [s.stepKey, s] as const),
  );
  const occurrences = new Map<string, number>();
  const keyOf = (id: string) => {
    const seen = occurrences.get(id) ?? 0;
    occurrences.set(id, seen + 1);
    return seen === 0 ? id : `${id}:${seen}`;
  };

  let interrupt!: (outcome: ExecutionOutcome) => void;
  const interrupted = new Promise<ExecutionOutcome>((resolve) => (interrupt = resolve));
  // A step that ends the execution never settles, so the handler stops where it is.
  const halt = <T>(outcome: ExecutionOutcome): Promise<T> => {
    interrupt(outcome);
    return new Promise<T>(() => {});
  };

  // Like Inngest: a step that failed for good rejects with a StepError the handler may catch;
  // if the handler lets that same error out, the run fails without further retries.
  let lastStepError: StepError | null = null;
  const rejectWith = (stepKey: string, error: StoredError): Promise<never> => {
    lastStepError = new StepError(stepKey, error);
    return Promise.reject(lastStepError);
  };

  /** Stores a step's result in the same transaction that proves this worker still owns the run. */
  const memoize = async (
    stepKey: string,
    output: unknown,
    extra: (tx: RuntimeDatabase) => Promise<void> = async () => {},
    wakeAt?: Date,
    error?: StoredError,
  ) => {
    await db.transaction(async (tx) => {
      const owned = await tx
        .update(runs)
        .set({ attempt: 0, leaseExpiresAt: new Date(now() + env.leaseMs) })
        .where(and(eq(runs.id, run.id), eq(runs.claimToken, run.claimToken)))
        .returning({ id: runs.id });
      if (owned.length === 0) throw new LeaseLostError();
      await extra(tx as unknown as RuntimeDatabase);
      await tx.insert(steps).values({ runId: run.id, stepKey, output, wakeAt: wakeAt ?? null, error: error ?? null });
    });
    // The next step starts with a fresh retry budget, as the stored row now says.
    run.attempt = 0;
  };

  const guard = async <T>(stepKey: string, body: () => Promise<T>): Promise<T> => {
    try {
      return await body();
    } catch (error) {
      if (error instanceof StepError && error === lastStepError) throw error;
      return halt(error instanceof LeaseLostError ? { kind: "lease-lost" } : { kind: "failed", error, stepKey });
    }
  };

  const step: StepTools = {
    run: (id, fn) => {
      const stepKey = keyOf(id);
      const stored = memo.get(stepKey);
      if (stored?.error) return rejectWith(stepKey, stored.error);
      if (stored) return Promise.resolve(stored.output as never);
      return guard(stepKey, async () => {
        let output: unknown;
        try {
          output = toJson(await fn());
        } catch (error) {
          if (!isNonRetriable(error) && run.attempt < workflow.retries) throw error;
          const failure = toStoredError(error);
          await memoize(stepKey, null, undefined, undefined, failure);
          return rejectWith(stepKey, failure);
        }
        await memoize(stepKey, output);
        return output as never;
      });
    },
    sleep: (id, duration) => {
      const stepKey = keyOf(id);
      const stored = memo.get(stepKey);
      if (stored?.wakeAt) {
        return stored.wakeAt.getTime() <= now() ? Promise.resolve() : halt({ kind: "sleeping", until: stored.wakeAt });
      }
      return guard(stepKey, async () => {
        const until = new Date(now() + durationToMs(duration, { name: `step.sleep("${id}")` }));
        await memoize(stepKey, null, undefined, until);
        return halt<void>({ kind: "sleeping", until });
      });
    },
    sendEvent: (id, payload) => {
      const stepKey = keyOf(id);
      const stored = memo.get(stepKey);
      if (stored) return Promise.resolve(stored.output as { ids: string[] });
      return guard(stepKey, async () => {
        // Ids derived from the run and step make the send idempotent even if this write is retried.
        const batch: RuntimeEvent[] = (Array.isArray(payload) ? payload : [payload]).map((e, i) => ({
          ...e,
          id: e.id ?? `${run.id}:${stepKey}:${i}`,
        }));
        const output = { ids: batch.map((e) => e.id as string) };
        await memoize(stepKey, output, (tx) => enqueueEvents(tx, batch, now()));
        return output;
      });
    },
  };

  const ctx: WorkflowContext = { event: run.event, step, runId: run.id, attempt: run.attempt };
  const finished = workflow
    .loadHandler()
    .then((handler) => handler(ctx))
    .then(
      (output): ExecutionOutcome => ({ kind: "completed", output: toJson(output) }),
      (error: unknown): ExecutionOutcome => ({ kind: "failed", error, stepKey: null, final: error !== null && error === lastStepError }),
    );
  return Promise.race([finished, interrupted]);
}

/** Extends the lease while an execution is in flight; returns false once the lease is gone. */
export async function renewLease(env: ExecutionEnvironment, run: ClaimedRun): Promise<boolean> {
  const renewed = await env.db
    .update(runs)
    .set({ leaseExpiresAt: new Date(env.now() + env.leaseMs) })
    .where(and(eq(runs.id, run.id), eq(runs.claimToken, run.claimToken), sql`${runs.status} = 'running'`))
    .returning({ id: runs.id });
  return renewed.length > 0;
}
