import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import type { RuntimeDatabase } from "./execute";
import { pruneHistory } from "./prune";
import { cronSlots, events, runs, steps } from "./schema";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

it("deletes old completed runs, fanned-out events and cron slots, and keeps failed runs and recent history", async () => {
  const old = new Date("2030-01-01T00:00:00Z");
  const recent = new Date("2030-02-01T00:00:00Z");
  const event = { name: "test/e", data: {}, ts: old.getTime() };
  const [oldDone, , oldFailed, recentDone] = await testDb.db
    .insert(runs)
    .values([
      { workflowId: "w", event, status: "completed", runAt: old, finishedAt: old },
      { workflowId: "w", event, status: "completed", runAt: old, finishedAt: old },
      { workflowId: "w", event, status: "failed", runAt: old, finishedAt: old, error: { name: "Error", message: "kept" } },
      { workflowId: "w", event, status: "completed", runAt: recent, finishedAt: recent },
    ])
    .returning();
  await testDb.db.insert(steps).values({ runId: oldDone!.id, stepKey: "s", output: 1 });
  await testDb.db.insert(events).values([
    { name: "test/e", data: {}, ts: 1, externalId: "old", fannedOutAt: old },
    { name: "test/e", data: {}, ts: 2, externalId: "recent", fannedOutAt: recent },
    { name: "test/e", data: {}, ts: 3, externalId: "pending" },
  ]);
  await testDb.db.insert(cronSlots).values([
    { workflowId: "c", slotAt: old },
    { workflowId: "c", slotAt: recent },
  ]);

  await pruneHistory(testDb.db as unknown as RuntimeDatabase, new Date("2030-01-15T00:00:00Z"));

  expect((await testDb.db.select({ id: runs.id }).from(runs)).map((r) => r.id).sort()).toEqual([oldFailed!.id, recentDone!.id].sort());
  expect(await testDb.db.select().from(steps)).toEqual([]);
  expect((await testDb.db.select().from(events)).map((e) => e.externalId).sort()).toEqual(["pending", "recent"]);
  expect((await testDb.db.select().from(cronSlots)).map((s) => s.slotAt)).toEqual([recent]);
});
