import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { sendEvents } from "../send-events";
import { eventually, probe } from "../testing/probe";
import {
  debouncedWorkflow,
  doomedRequested,
  doomedWorkflow,
  flakyRequested,
  flakyWorkflow,
  forgivingWorkflow,
  fragileRequested,
  napRequested,
  napWorkflow,
  noteChanged,
  serialWork,
  serialWorkflow,
  testWorkflows,
  throttledWork,
  throttledWorkflow,
} from "../testing/workflows";
import { minimumRetryDelayMs, type BackoffOptions } from "./backoff";
import { countRuns, getRun, listRuns, type RunRecord } from "./inspect";
import { startEmbeddedRuntime, type EmbeddedRuntime } from "./runtime";
import { events } from "./schema";

const backoff: BackoffOptions = { baseMs: 40, maxMs: 1_000 };
let testDb: TestDatabase;
let workers: EmbeddedRuntime[];

function startWorker() {
  return startEmbeddedRuntime({ databaseUrl: testDb.url, workflows: testWorkflows, pollIntervalMs: 100, leaseMs: 5_000, backoff, concurrency: 4 });
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  process.env.DATABASE_URL = testDb.url;
  // Two workers with their own connections stand in for two processes.
  workers = [await startWorker(), await startWorker()];
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop({ graceMs: 1_000 })));
  await testDb.drop();
});

async function runsOf(workflowId: string, key: string): Promise<RunRecord[]> {
  const all = await listRuns(testDb.db, { workflowId, limit: 1_000 });
  return all.filter((r) => r.event.data.key === key || r.event.data.group === key);
}

async function finishedRun(workflowId: string, key: string): Promise<RunRecord> {
  return eventually(async () => (await runsOf(workflowId, key)).find((r) => r.status === "completed" || r.status === "failed"));
}

describe("embedded executor", () => {
  it("retries a failing step with growing backoff, without re-running the steps that succeeded", async () => {
    await sendEvents(flakyRequested.create({ key: "retry", failures: 3 }), { tx: testDb.db });
    const run = await finishedRun(flakyWorkflow.id, "retry");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ prepared: "retry", result: "ok" });
    expect(probe.count("prepare", "retry")).toBe(1);
    const attempts = probe.of("flaky", "retry").map((e) => e.at);
    expect(attempts).toHaveLength(4);
    for (let retry = 1; retry < attempts.length; retry++) {
      const gap = (attempts[retry] ?? 0) - (attempts[retry - 1] ?? 0);
      expect(gap).toBeGreaterThanOrEqual(minimumRetryDelayMs(retry, backoff));
    }
    // The last error stays on the run for inspection even though it recovered.
    expect(run.error?.message).toBe("failure 3");
  });

  it("fails a run for good once a step's retries are used up, keeping the error", async () => {
    await sendEvents(flakyRequested.create({ key: "exhausted", failures: 99 }), { tx: testDb.db });
    const run = await finishedRun(flakyWorkflow.id, "exhausted");
    expect(run.status).toBe("failed");
    expect(probe.count("flaky", "exhausted")).toBe(flakyWorkflow.retries + 1);
    expect(run.error).toMatchObject({ name: "Error", message: `failure ${flakyWorkflow.retries + 1}` });
  });

  it("lets a handler catch the error of a step whose retries are used up, and carry on", async () => {
    await sendEvents(fragileRequested.create({ key: "forgiven" }), { tx: testDb.db });
    const run = await finishedRun(forgivingWorkflow.id, "forgiven");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ recovered: "fell back after: still broken" });
    expect(probe.count("fragile", "forgiven")).toBe(forgivingWorkflow.retries + 1);
    const detail = await getRun(testDb.db, run.id);
    expect(detail?.steps.find((s) => s.stepKey === "fragile")?.error).toMatchObject({ message: "still broken" });
  });

  it("stops at a NonRetriableError", async () => {
    await sendEvents(doomedRequested.create({ key: "doomed" }), { tx: testDb.db });
    const run = await finishedRun(doomedWorkflow.id, "doomed");
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ name: "NonRetriableError", message: "this record can never sync", nonRetriable: true });
    expect(probe.count("refuse", "doomed")).toBe(1);
  });

  it("never overlaps runs with the same concurrency key, across workers, while other keys run alongside", async () => {
    const items = ["1", "2", "3", "4", "5", "6"];
    await sendEvents(
      [
        ...items.map((item) => serialWork.create({ group: "alpha", item })),
        serialWork.create({ group: "left", item: "1", waitFor: "right" }),
        serialWork.create({ group: "right", item: "1", waitFor: "left" }),
      ],
      { tx: testDb.db },
    );
    await eventually(async () => (await runsOf(serialWorkflow.id, "alpha")).filter((r) => r.status === "completed").length === items.length);
    const starts = probe.of("start", "alpha");
    const ends = probe.of("end", "alpha");
    const intervals = items.map((item) => ({
      start: starts.find((e) => e.data === item)?.at ?? NaN,
      end: ends.find((e) => e.data === item)?.at ?? NaN,
    }));
    intervals.sort((a, b) => a.start - b.start);
    for (let i = 1; i < intervals.length; i++) {
      expect(intervals[i]?.start).toBeGreaterThanOrEqual(intervals[i - 1]?.end ?? Infinity);
    }
    // "left" and "right" each wait until the other has started: they can only finish together.
    for (const group of ["left", "right"]) {
      expect((await finishedRun(serialWorkflow.id, group)).status).toBe("completed");
    }
  });

  it("keeps running other keys while a backlog waits on a busy key", async () => {
    // Every "hog" run waits for the release, so the first one holds the key and the rest queue up.
    const backlog = Array.from({ length: 25 }, (_, i) => serialWork.create({ group: "hog", item: `${i}`, waitFor: "release" }));
    await sendEvents(backlog, { tx: testDb.db });
    await probe.waitFor("start", "hog");
    await sendEvents(serialWork.create({ group: "free", item: "1" }), { tx: testDb.db });
    expect((await finishedRun(serialWorkflow.id, "free")).status).toBe("completed");
    expect(probe.count("start", "hog")).toBe(1);
    probe.record("start", "release");
    await eventually(async () => (await runsOf(serialWorkflow.id, "hog")).every((r) => r.status === "completed"), 60_000);
  }, 90_000);

  it("starts at most `limit` runs per throttle key and period", async () => {
    await sendEvents(
      [1, 2, 3, 4, 5].map((item) => throttledWork.create({ key: "throttled", item })),
      { tx: testDb.db },
    );
    await eventually(async () => (await runsOf(throttledWorkflow.id, "throttled")).filter((r) => r.status === "completed").length === 5);
    const starts = (await runsOf(throttledWorkflow.id, "throttled")).map((r) => r.startedAt?.getTime() ?? NaN).sort((a, b) => a - b);
    const periodMs = throttledWorkflow.throttle?.periodMs ?? Infinity;
    for (let i = 2; i < starts.length; i++) {
      expect((starts[i] ?? 0) - (starts[i - 2] ?? 0)).toBeGreaterThanOrEqual(periodMs);
    }
  });

  it("collapses a burst of events into one run with the last event", async () => {
    for (let version = 1; version <= 5; version++) {
      await sendEvents(noteChanged.create({ key: "burst", version }), { tx: testDb.db });
    }
    const run = await finishedRun(debouncedWorkflow.id, "burst");
    expect(run.output).toBe(5);
    expect(await runsOf(debouncedWorkflow.id, "burst")).toHaveLength(1);
    expect(probe.of("debounced", "burst").map((e) => e.data)).toEqual([5]);
  });

  it("starts one run for two sends with the same event id", async () => {
    await sendEvents(flakyRequested.create({ key: "idempotent", failures: 0 }, { id: "webhook-42" }), { tx: testDb.db });
    await sendEvents(flakyRequested.create({ key: "idempotent", failures: 0 }, { id: "webhook-42" }), { tx: testDb.db });
    await finishedRun(flakyWorkflow.id, "idempotent");
    expect(await runsOf(flakyWorkflow.id, "idempotent")).toHaveLength(1);
    expect(await testDb.db.select().from(events).where(eq(events.externalId, "webhook-42"))).toHaveLength(1);
  });

  it("enqueues nothing from a transaction that rolls back, and the runs of one that commits", async () => {
    const rollback = new Error("rolled back on purpose");
    await expect(
      testDb.db.transaction(async (tx) => {
        await sendEvents(flakyRequested.create({ key: "outbox-rolled-back", failures: 0 }), { tx });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    await testDb.db.transaction(async (tx) => {
      await sendEvents(flakyRequested.create({ key: "outbox-committed", failures: 0 }), { tx });
    });
    expect((await finishedRun(flakyWorkflow.id, "outbox-committed")).status).toBe("completed");
    const leaked = await testDb.db.select().from(events).where(sql`${events.data}->>'key' = 'outbox-rolled-back'`);
    expect(leaked).toHaveLength(0);
    expect(await runsOf(flakyWorkflow.id, "outbox-rolled-back")).toHaveLength(0);
  });

  it("parks a sleeping run and resumes it; events sent from a step start their own runs", async () => {
    await sendEvents(napRequested.create({ key: "nap" }), { tx: testDb.db });
    const run = await finishedRun(napWorkflow.id, "nap");
    expect(run.status).toBe("completed");
    expect(probe.count("before-nap", "nap")).toBe(1);
    expect(probe.count("after-nap", "nap")).toBe(1);
    const detail = await getRun(testDb.db, run.id);
    expect(detail?.steps.map((s) => s.stepKey)).toEqual(["before", "nap", "after", "announce"]);
    expect(detail?.steps.find((s) => s.stepKey === "nap")?.wakeAt).toBeInstanceOf(Date);
    expect(detail?.executions).toBeGreaterThanOrEqual(2);
    expect((await finishedRun(debouncedWorkflow.id, "from-nap-nap")).status).toBe("completed");
  });

  it("counts runs per workflow and status", async () => {
    const counts = await countRuns(testDb.db);
    const doomed = counts.find((c) => c.workflowId === doomedWorkflow.id && c.status === "failed");
    expect(doomed?.count).toBe((await listRuns(testDb.db, { workflowId: doomedWorkflow.id, status: "failed" })).length);
    expect(doomed?.count).toBeGreaterThan(0);
  });

  it("rejects event data that doesn't match the schema, sending nothing", async () => {
    const before = await testDb.db.select({ n: sql<number>`count(*)::int` }).from(events);
    expect(() => flakyRequested.create({ key: "", failures: -1 })).toThrowError(/Invalid data for event "test\/flaky.requested"/);
    const after = await testDb.db.select({ n: sql<number>`count(*)::int` }).from(events);
    expect(after).toEqual(before);
  });

  it("fails, without running it, a run whose raw event data doesn't match the trigger's schema", async () => {
    await sendEvents({ name: flakyRequested.name, data: { key: "raw-bad", failures: "many" } }, { tx: testDb.db });
    const run = await finishedRun(flakyWorkflow.id, "raw-bad");
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ name: "InvalidEventError" });
    expect(run.error?.message).toMatch(/failures/);
    expect(probe.count("prepare", "raw-bad")).toBe(0);
  });
});
