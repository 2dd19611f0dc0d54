import { isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { sendEvents } from "../send-events";
import { eventually, probe } from "../testing/probe";
import { patientWork, patientWorkflow, serialWork, serialWorkflow, testWorkflows } from "../testing/workflows";
import { listRuns, type RunRecord } from "./inspect";
import { startEmbeddedRuntime, type EmbeddedRuntime } from "./runtime";
import { events } from "./schema";

let testDb: TestDatabase;
const workers: EmbeddedRuntime[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  process.env.DATABASE_URL = testDb.url;
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop({ graceMs: 1_000 })));
  await testDb.drop();
});

async function start(leaseMs: number, pollIntervalMs = 50): Promise<EmbeddedRuntime> {
  const worker = await startEmbeddedRuntime({ databaseUrl: testDb.url, workflows: testWorkflows, pollIntervalMs, leaseMs });
  workers.push(worker);
  return worker;
}

async function runOf(group: string): Promise<RunRecord | undefined> {
  return (await listRuns(testDb.db, { workflowId: serialWorkflow.id })).find((r) => r.event.data.group === group);
}

it("starts a run as soon as its event commits, woken by NOTIFY rather than the poll", async () => {
  // Polling every ten minutes: only the notification can get this run going within the test.
  await start(5_000, 600_000);
  await new Promise((r) => setTimeout(r, 100));
  await sendEvents(patientWork.create({ key: "notified" }), { tx: testDb.db });
  await probe.waitFor("patient", "notified", 20_000);
  probe.record("release", "notified");
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

it("keeps a run's lease alive while a step outlasts it, so no other worker runs it again", async () => {
  const leaseMs = 200;
  await Promise.all([start(leaseMs), start(leaseMs)]);
  await sendEvents(patientWork.create({ key: "long" }), { tx: testDb.db });
  await probe.waitFor("patient", "long");
  // Several lease periods pass while the step is still running.
  await new Promise((r) => setTimeout(r, leaseMs * 6));
  probe.record("release", "long");
  const run = await eventually(async () => {
    const [latest] = await listRuns(testDb.db, { workflowId: patientWorkflow.id });
    return latest?.status === "completed" ? latest : null;
  });
  expect(probe.count("patient", "long")).toBe(1);
  expect(run.executions).toBe(1);
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

it("stops claiming on stop, and lets the run in flight finish within the grace period", async () => {
  const worker = await start(5_000);
  await sendEvents(serialWork.create({ group: "draining", item: "1", waitFor: "drain-release" }), { tx: testDb.db });
  await probe.waitFor("start", "draining");
  const stopping = worker.stop({ graceMs: 20_000 });
  await sendEvents(serialWork.create({ group: "after-stop", item: "1" }), { tx: testDb.db });
  probe.record("start", "drain-release");
  await stopping;
  expect((await runOf("draining"))?.status).toBe("completed");
  // Its event was never even fanned out: nothing of the stopped worker is running any more.
  expect(await runOf("after-stop")).toBeUndefined();
  expect(probe.count("start", "after-stop")).toBe(0);
});

it("runs idle without errors when no workflow is registered", async () => {
  const errors: unknown[] = [];
  const idle = await startEmbeddedRuntime({ databaseUrl: testDb.url, workflows: [], pollIntervalMs: 20, onError: (e) => errors.push(e) });
  workers.push(idle);
  await sendEvents(patientWork.create({ key: "nobody-listens" }), { tx: testDb.db });
  await eventually(async () => (await testDb.db.select().from(events).where(isNotNull(events.fannedOutAt))).length > 0);
  for (let i = 0; i < 5; i++) {
    idle.wake();
    await new Promise((r) => setTimeout(r, 30));
  }
  expect(errors).toEqual([]);
});
