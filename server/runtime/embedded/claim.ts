/**
 * Claiming the next due run: `FOR UPDATE SKIP LOCKED` so workers never wait on each other, a
 * lease so a crashed worker's run is claimed again once it expires, a session advisory lock per
 * concurrency slot (held on the claiming connection for the whole execution, and dropped by
 * PostgreSQL if the process dies), and the throttle window checked under a transaction lock.
 */
import { randomUUID } from "node:crypto";
import type { Sql, ReservedSql } from "postgres";
import type { AnyWorkflow } from "../definition";
import type { ClaimedRun } from "./execute";

export interface Claim {
  run: ClaimedRun;
  /** The previous owner's lease expired mid-run (it crashed or stalled). */
  reclaimed: boolean;
  /** Drops the concurrency lock and returns the connection; call once the execution is recorded. */
  release(): Promise<void>;
}

interface Candidate {
  id: string;
  workflow_id: string;
  event: ClaimedRun["event"];
  status: string;
  concurrency_key: string | null;
  throttle_key: string | null;
  started_at: string | null;
}

const CANDIDATES = 20;

function concurrencyLimits(workflows: ReadonlyMap<string, AnyWorkflow>): Record<string, number> {
  return Object.fromEntries([...workflows.values()].map((w) => [w.id, w.concurrency?.limit ?? 0]));
}

async function tryConcurrencySlot(conn: ReservedSql, workflow: AnyWorkflow, key: string | null): Promise<string | null> {
  const limit = workflow.concurrency?.limit ?? 0;
  const lockName = `runtime:concurrency:${workflow.id}:${key ?? ""}`;
  for (let slot = 0; slot < limit; slot++) {
    const [row] = await conn<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtext(${lockName}), ${slot}) as locked`;
    if (row?.locked) return `${slot}`;
  }
  return null;
}

async function unlockConcurrencySlot(conn: ReservedSql, workflow: AnyWorkflow, key: string | null, slot: string): Promise<void> {
  const lockName = `runtime:concurrency:${workflow.id}:${key ?? ""}`;
  await conn`select pg_advisory_unlock(hashtext(${lockName}), ${Number(slot)})`;
}

/** When the throttle window is full, the time the run may start; null if it may start now. */
async function throttledUntil(conn: ReservedSql, workflow: AnyWorkflow, key: string | null, now: Date): Promise<Date | null> {
  const throttle = workflow.throttle;
  if (!throttle) return null;
  await conn`select pg_advisory_xact_lock(hashtext(${`runtime:throttle:${workflow.id}:${key ?? ""}`}))`;
  const windowStart = new Date(now.getTime() - throttle.periodMs);
  const [row] = await conn<{ started: number; oldest: number | null }[]>`
    select count(*)::int as started, (extract(epoch from min(started_at)) * 1000)::float8 as oldest from runtime.runs
    where workflow_id = ${workflow.id} and throttle_key is not distinct from ${key} and started_at > ${windowStart.toISOString()}::timestamptz`;
  if (!row || row.started < throttle.limit || !row.oldest) return null;
  return new Date(row.oldest + throttle.periodMs);
}

export async function claimNextRun(
  sql: Sql,
  workflows: ReadonlyMap<string, AnyWorkflow>,
  now: Date,
  leaseMs: number,
): Promise<Claim | null> {
  if (workflows.size === 0) return null;
  const conn = await sql.reserve();
  let held: { workflow: AnyWorkflow; key: string | null; slot: string } | null = null;
  try {
    await conn`begin`;
    const at = now.toISOString();
    // Runs whose concurrency key is already at its limit are left out here (the advisory lock
    // below is what guarantees it), so a backlog on one key can't hide other keys' runs.
    const candidates = await conn<Candidate[]>`
      select id, workflow_id, event, status, concurrency_key, throttle_key, started_at from runtime.runs r
      where workflow_id in ${conn([...workflows.keys()])}
        and ((status in ('queued', 'sleeping') and run_at <= ${at}::timestamptz) or (status = 'running' and lease_expires_at <= ${at}::timestamptz))
        and (concurrency_key is null or (
          select count(*) from runtime.runs held
          where held.workflow_id = r.workflow_id and held.concurrency_key = r.concurrency_key
            and held.status = 'running' and held.lease_expires_at > ${at}::timestamptz
        ) < (${JSON.stringify(concurrencyLimits(workflows))}::jsonb ->> r.workflow_id)::int)
      order by run_at
      limit ${CANDIDATES}
      for update skip locked`;
    for (const candidate of candidates) {
      const workflow = workflows.get(candidate.workflow_id);
      if (!workflow) continue;
      if (workflow.concurrency) {
        const slot = await tryConcurrencySlot(conn, workflow, candidate.concurrency_key);
        if (slot === null) continue;
        held = { workflow, key: candidate.concurrency_key, slot };
      }
      if (candidate.started_at === null) {
        const until = await throttledUntil(conn, workflow, candidate.throttle_key, now);
        if (until) {
          await conn`update runtime.runs set run_at = ${until.toISOString()}::timestamptz where id = ${candidate.id}`;
          if (held) await unlockConcurrencySlot(conn, held.workflow, held.key, held.slot);
          held = null;
          continue;
        }
      }
      const claimToken = randomUUID();
      const reclaimed = candidate.status === "running";
      const [claimed] = await conn<{ attempt: number }[]>`
        update runtime.runs set
          status = 'running',
          claim_token = ${claimToken},
          lease_expires_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz,
          started_at = coalesce(started_at, ${now.toISOString()}::timestamptz),
          executions = executions + 1,
          attempt = attempt + ${reclaimed ? 1 : 0}
        where id = ${candidate.id}
        returning attempt`;
      await conn`commit`;
      const lock = held;
      return {
        run: { id: candidate.id, claimToken, workflowId: workflow.id, event: candidate.event, attempt: claimed?.attempt ?? 0 },
        reclaimed,
        release: async () => {
          try {
            if (lock) await unlockConcurrencySlot(conn, lock.workflow, lock.key, lock.slot);
          } finally {
            conn.release();
          }
        },
      };
    }
    await conn`commit`;
    conn.release();
    return null;
  } catch (error) {
    await conn`rollback`.catch(() => {});
    // A session lock outlives a rolled-back transaction; drop it before the connection is reused.
    if (held) await unlockConcurrencySlot(conn, held.workflow, held.key, held.slot).catch(() => {});
    conn.release();
    throw error;
  }
}
