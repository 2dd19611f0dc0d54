import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { eventually, probe } from "../testing/probe";
import { yearlyWorkflow } from "../testing/workflows";
import { listRuns } from "./inspect";
import { startEmbeddedRuntime, type EmbeddedRuntime } from "./runtime";
import { cronSlots } from "./schema";

let testDb: TestDatabase;
let workers: EmbeddedRuntime[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop({ graceMs: 1_000 })));
  await testDb.drop();
});

it("fires a cron slot once with three executors running", async () => {
  // Both clocks stand a few seconds after the yearly slot, so both see it as due.
  const offset = Date.parse("2030-01-01T00:00:05Z") - Date.now();
  const clock = () => Date.now() + offset;
  const start = () => startEmbeddedRuntime({ databaseUrl: testDb.url, workflows: [yearlyWorkflow], pollIntervalMs: 50, clock });
  workers = await Promise.all([start(), start(), start()]);
  const [run] = await eventually(async () => {
    const runs = await listRuns(testDb.db, { workflowId: yearlyWorkflow.id });
    return runs.length > 0 && runs.every((r) => r.status === "completed") ? runs : null;
  });
  // Let every worker tick a few more times before counting.
  for (let i = 0; i < 5; i++) {
    workers.forEach((w) => w.wake());
    await new Promise((r) => setTimeout(r, 60));
  }
  expect(await listRuns(testDb.db, { workflowId: yearlyWorkflow.id })).toHaveLength(1);
  expect(run?.event).toMatchObject({ name: "inngest/scheduled.timer", data: { cron: "0 0 1 1 *" } });
  expect(probe.count("cron", "0 0 1 1 *")).toBe(1);
  const slots = await testDb.db.select().from(cronSlots);
  expect(slots).toEqual([{ workflowId: yearlyWorkflow.id, slotAt: new Date("2030-01-01T00:00:00Z"), runId: run?.id }]);
});
