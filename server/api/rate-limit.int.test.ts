import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../db/client";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { eventually } from "../testing/stack";
import { WindowCounter } from "./rate-limit";

let testDb: TestDatabase;
/** Two API processes: each its own connections and counter. */
let processes: Array<{ db: Database; counter: WindowCounter; close: () => Promise<void> }>;

beforeAll(async () => {
  testDb = await createTestDatabase();
  processes = [0, 1].map(() => ({ ...createDatabase(testDb.url, { max: 5 }), counter: new WindowCounter(5, 60 * 60_000) }));
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.close()));
  await testDb.drop();
});

describe("WindowCounter", () => {
  it("allows the limit per key and window across processes, however the calls interleave, then says how long to wait; other keys keep their own", async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, n) => processes[n % 2]!.counter.take(processes[n % 2]!.db, "sign-up:203.0.113.7")));
    expect(answers.filter((a) => a === null)).toHaveLength(5);
    for (const wait of answers.filter((a) => a !== null)) expect(wait! >= 1 && wait! <= 3600).toBe(true);
    expect(await processes[1]!.counter.take(processes[1]!.db, "sign-up:198.51.100.2")).toBeNull();
  });

  it("refuses a key over its limit until the next window, then allows it again", async () => {
    const counter = new WindowCounter(1, 1_000);
    const { db } = processes[0]!;
    await eventually(async () => (await counter.take(db, "provider-call:org:path")) === 1, "a call refused within its window");
    await eventually(async () => (await counter.take(db, "provider-call:org:path")) === null, "a call admitted in a later window");
  });
});
