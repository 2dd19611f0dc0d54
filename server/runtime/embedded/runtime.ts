/**
 * The embedded executor's worker loop: woken by NOTIFY (a commit that sent events or released a
 * concurrency key), by a timer for the next due run, and by polling as a fallback. Each tick fans
 * out sent events, fires due cron slots, and fills free execution slots with claimed runs.
 */
import { sql as drizzleSql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { AnyWorkflow } from "../definition";
import { DEFAULT_BACKOFF, type BackoffOptions } from "./backoff";
import { claimNextRun, type Claim } from "./claim";
import { CronScheduler } from "./cron-scheduler";
import { WAKEUP_CHANNEL } from "./database";
import { executeRun, renewLease, type ExecutionOutcome, type RuntimeDatabase } from "./execute";
import { fanOutEvents } from "./fan-out";
import { finishExecution } from "./finish";
import { pruneHistory } from "./prune";

const PRUNE_EVERY_MS = 60 * 60_000;

export interface EmbeddedRuntimeOptions {
  databaseUrl: string;
  workflows: readonly AnyWorkflow[];
  /** Runs executing at once in this process. */
  concurrency?: number;
  /** Fallback polling when no notification arrives. */
  pollIntervalMs?: number;
  /** How long a claimed run stays owned without a heartbeat before another worker may take it. */
  leaseMs?: number;
  backoff?: BackoffOptions;
  /** Cron slots missed up to this long before start are still fired once. */
  cronCatchUpMs?: number;
  /** Completed runs and sent events are deleted after this long (also the idempotency window). */
  retentionMs?: number;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  clock?: () => number;
  onError?: (error: unknown) => void;
}

export interface EmbeddedRuntime {
  /** Runs a tick now (tests use it instead of waiting for the poll). */
  wake(): void;
  /** Stops claiming, waits up to `graceMs` for in-flight executions, then closes its connections. */
  stop(options?: { graceMs?: number }): Promise<void>;
}

function assertUniqueIds(workflows: readonly AnyWorkflow[]): void {
  const seen = new Set<string>();
  for (const w of workflows) {
    if (seen.has(w.id)) throw new Error(`Two workflows share the id "${w.id}"`);
    seen.add(w.id);
  }
}

export async function startEmbeddedRuntime(options: EmbeddedRuntimeOptions): Promise<EmbeddedRuntime> {
  assertUniqueIds(options.workflows);
  const concurrency = options.concurrency ?? 4;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 30_000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const now = options.clock ?? Date.now;
  const retentionMs = options.retentionMs ?? 7 * 24 * 60 * 60_000;
  const onError = options.onError ?? ((error: unknown) => console.error("[runtime]", error));

  // Each executing run holds one connection (its concurrency lock lives there); the rest serve
  // step writes, fan-out and LISTEN.
  const sql = postgres(options.databaseUrl, { max: concurrency + 4, onnotice: () => {} });
  const db = drizzle(sql) as unknown as RuntimeDatabase;
  const workflowsById = new Map(options.workflows.map((w) => [w.id, w] as const));
  const workflowsByEvent = new Map<string, AnyWorkflow[]>();
  for (const w of options.workflows) {
    if (w.eventName) workflowsByEvent.set(w.eventName, [...(workflowsByEvent.get(w.eventName) ?? []), w]);
  }
  const cron = new CronScheduler(
    db,
    options.workflows.filter((w) => w.cron),
    now() - (options.cronCatchUpMs ?? 10 * 60_000),
  );

  let stopped = false;
  let ticking: Promise<void> | null = null;
  let prunedAt = 0;
  let tickAgain = false;
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  const notify = () => db.execute(drizzleSql`select pg_notify(${WAKEUP_CHANNEL}, 'run')`);

  async function execute(claim: Claim): Promise<void> {
    const workflow = workflowsById.get(claim.run.workflowId);
    if (!workflow) return claim.release();
    const env = { db, now, leaseMs, backoff };
    const heartbeat = setInterval(() => void renewLease(env, claim.run).catch(onError), Math.max(10, leaseMs / 3));
    try {
      let outcome: ExecutionOutcome;
      if (claim.reclaimed && claim.run.attempt > workflow.retries) {
        outcome = { kind: "failed", error: new Error("The worker running this run stopped and its retries are used up"), stepKey: null };
      } else {
        outcome = await executeRun(env, workflow, claim.run);
      }
      await finishExecution(env, workflow, claim.run, outcome);
    } finally {
      clearInterval(heartbeat);
      await claim.release();
    }
    await notify();
  }

  async function fillSlots(): Promise<void> {
    while (!stopped && inFlight.size < concurrency) {
      const claim = await claimNextRun(sql, workflowsById, new Date(now()), leaseMs);
      if (!claim) return;
      const running: Promise<void> = execute(claim)
        .catch(onError)
        .finally(() => {
          inFlight.delete(running);
          wake();
        });
      inFlight.add(running);
    }
  }

  /** Sleeps until the next known due time (capped by the poll interval). */
  async function scheduleNext(): Promise<void> {
    // Only future times: a due run that couldn't be claimed (its concurrency key is busy) is
    // retried when the holder's NOTIFY arrives, or at the next poll, never in a tight loop.
    const at = new Date(now()).toISOString();
    const [row] = await sql<{ next: number | null }[]>`
      select (extract(epoch from least(
        (select min(run_at) from runtime.runs where status in ('queued', 'sleeping') and run_at > ${at}::timestamptz),
        (select min(lease_expires_at) from runtime.runs where status = 'running' and lease_expires_at > ${at}::timestamptz)
      )) * 1000)::float8 as next`;
    const untilNext = row?.next ? row.next - now() : pollIntervalMs;
    const delay = Math.min(pollIntervalMs, Math.max(5, untilNext));
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(wake, delay);
  }

  async function tick(): Promise<void> {
    while (!stopped && (await fanOutEvents(db, workflowsByEvent, now())) > 0);
    if (stopped) return;
    await cron.tick(now());
    if (now() - prunedAt > PRUNE_EVERY_MS) {
      prunedAt = now();
      await pruneHistory(db, new Date(now() - retentionMs));
    }
    await fillSlots();
    await scheduleNext();
  }

  function wake(): void {
    if (stopped) return;
    if (ticking) {
      tickAgain = true;
      return;
    }
    ticking = tick()
      .catch((error: unknown) => {
        onError(error);
        clearTimeout(timer);
        if (!stopped) timer = setTimeout(wake, pollIntervalMs);
      })
      .finally(() => {
        ticking = null;
        if (tickAgain) {
          tickAgain = false;
          wake();
        }
      });
  }

  const listener = await sql.listen(WAKEUP_CHANNEL, () => wake());
  wake();

  return {
    wake,
    async stop({ graceMs = 5_000 } = {}) {
      stopped = true;
      clearTimeout(timer);
      await listener.unlisten().catch(() => {});
      await ticking;
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      // Runs still executing keep their lease until it expires; another process takes them then.
      await sql.end({ timeout: 1 });
    },
  };
}
