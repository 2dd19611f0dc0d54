import { and, eq } from "drizzle-orm";
import type { AnyWorkflow } from "../definition";
import { isNonRetriable } from "../errors";
import { retryDelayMs, type BackoffOptions } from "./backoff";
import type { ClaimedRun, ExecutionOutcome, RuntimeDatabase } from "./execute";
import { runs } from "./schema";
import { toStoredError } from "./serialize";

export interface FinishEnvironment {
  db: RuntimeDatabase;
  now: () => number;
  backoff: BackoffOptions;
}

/** Records what an execution ended with: done, failed for good, retry later, or parked asleep. */
export async function finishExecution(
  env: FinishEnvironment,
  workflow: AnyWorkflow,
  run: ClaimedRun,
  outcome: ExecutionOutcome,
): Promise<void> {
  if (outcome.kind === "lease-lost") return;
  const owned = and(eq(runs.id, run.id), eq(runs.claimToken, run.claimToken));
  const released = { claimToken: null, leaseExpiresAt: null };
  const at = new Date(env.now());
  if (outcome.kind === "completed") {
    await env.db.update(runs).set({ ...released, status: "completed", output: outcome.output, finishedAt: at }).where(owned);
  } else if (outcome.kind === "sleeping") {
    await env.db.update(runs).set({ ...released, status: "sleeping", runAt: outcome.until }).where(owned);
  } else {
    const error = toStoredError(outcome.error);
    const retriesLeft = !outcome.final && run.attempt < workflow.retries && !isNonRetriable(outcome.error);
    if (retriesLeft) {
      const retry = run.attempt + 1;
      await env.db
        .update(runs)
        .set({ ...released, status: "queued", attempt: retry, error, runAt: new Date(at.getTime() + retryDelayMs(retry, env.backoff)) })
        .where(owned);
    } else {
      await env.db.update(runs).set({ ...released, status: "failed", error, finishedAt: at }).where(owned);
    }
  }
}
