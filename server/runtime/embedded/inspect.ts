/**
 * Read-only queries over the embedded executor's runs, for tests and the operations UI.
 */
import { and, asc, count, desc, eq, type SQL } from "drizzle-orm";
import type { SqlRunner } from "./database";
import { runs, steps, type RunStatus } from "./schema";

export type RunRecord = typeof runs.$inferSelect;
export type StepRecord = typeof steps.$inferSelect;

export async function listRuns(
  runner: SqlRunner,
  filter: { workflowId?: string; status?: RunStatus; limit?: number } = {},
): Promise<RunRecord[]> {
  const conditions: SQL[] = [];
  if (filter.workflowId) conditions.push(eq(runs.workflowId, filter.workflowId));
  if (filter.status) conditions.push(eq(runs.status, filter.status));
  return runner
    .select()
    .from(runs)
    .where(and(...conditions))
    .orderBy(desc(runs.createdAt))
    .limit(filter.limit ?? 100);
}

export async function getRun(runner: SqlRunner, runId: string): Promise<(RunRecord & { steps: StepRecord[] }) | null> {
  const [run] = await runner.select().from(runs).where(eq(runs.id, runId));
  if (!run) return null;
  const runSteps = await runner.select().from(steps).where(eq(steps.runId, runId)).orderBy(asc(steps.completedAt));
  return { ...run, steps: runSteps };
}

/** A run's status alone (its steps can be many and large), or null when there is no such run. */
export async function runStatus(runner: SqlRunner, runId: string): Promise<RunStatus | null> {
  const [run] = await runner.select({ status: runs.status }).from(runs).where(eq(runs.id, runId));
  return run?.status ?? null;
}

/** How many runs each workflow has in each status. */
export async function countRuns(runner: SqlRunner): Promise<Array<{ workflowId: string; status: RunStatus; count: number }>> {
  return runner
    .select({ workflowId: runs.workflowId, status: runs.status, count: count() })
    .from(runs)
    .groupBy(runs.workflowId, runs.status)
    .orderBy(runs.workflowId, runs.status);
}
