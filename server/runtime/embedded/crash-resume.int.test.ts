import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { sendEvents } from "../send-events";
import { crashRequested, crashWorkflow } from "../testing/crash-workflow";
import { eventually } from "../testing/probe";
import { listRuns } from "./inspect";

let testDb: TestDatabase;
const children: ChildProcess[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  process.env.DATABASE_URL = testDb.url;
  await testDb.db.execute(sql`create table crash_marks (step text not null, key text not null)`);
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await testDb.drop();
});

function startWorker(hang: boolean): ChildProcess {
  const script = path.join(import.meta.dirname, "../testing/crash-worker.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script, testDb.url], {
    env: { ...process.env, CRASH_MARKS_URL: testDb.url, CRASH_HANG: hang ? "1" : "0", LEASE_MS: "1000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return child;
}

async function marks(step: string): Promise<number> {
  const rows = await testDb.db.execute<{ n: number }>(sql`select count(*)::int as n from crash_marks where step = ${step} and key = 'crash'`);
  return rows[0]?.n ?? 0;
}

it("resumes a run after its worker is killed mid-step, without re-running the steps already done", async () => {
  await sendEvents(crashRequested.create({ key: "crash" }), { tx: testDb.db });

  const doomed = startWorker(true);
  await eventually(async () => (await marks("two")) === 1, 60_000);
  const exited = new Promise((resolve) => doomed.once("exit", resolve));
  doomed.kill("SIGKILL");
  await exited;
  expect((await listRuns(testDb.db, { workflowId: crashWorkflow.id }))[0]?.status).toBe("running");

  startWorker(false);
  const run = await eventually(async () => {
    const [latest] = await listRuns(testDb.db, { workflowId: crashWorkflow.id });
    return latest?.status === "completed" ? latest : null;
  }, 60_000);

  expect(run.output).toBe("done");
  expect(await marks("one")).toBe(1);
  expect(await marks("two")).toBe(2);
  expect(run.executions).toBe(2);
}, 120_000);
