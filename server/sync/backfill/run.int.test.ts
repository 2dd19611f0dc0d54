import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../db/client";
import { backfills, orgs, type BackfillCounts } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { emptyCounts, storePageCounts } from "./run";

let testDb: TestDatabase;
let database: { db: Database; close: () => Promise<void> };
beforeAll(async () => {
  testDb = await createTestDatabase();
  database = createDatabase(testDb.url, { max: 2 });
});
afterAll(async () => {
  await database.close();
  await testDb.drop();
});

async function newBackfill(db: Database): Promise<string> {
  const [org] = await db.insert(orgs).values({ name: "Page counts" }).returning();
  const [row] = await db.insert(backfills).values({ orgId: org!.id, object: "invoices", direction: "to_hubspot", rangeFrom: "2025-01-01", rangeTo: "2025-12-31" }).returning();
  return row!.id;
}

async function pageCounts(db: Database, id: string): Promise<Record<string, BackfillCounts>> {
  const [row] = await db.select({ pageCounts: backfills.pageCounts }).from(backfills).where(eq(backfills.id, id));
  return row!.pageCounts;
}

const counts = (partial: Partial<BackfillCounts>): BackfillCounts => ({ ...emptyCounts(), read: 25, ...partial });

describe("a backfill page's stored counts", () => {
  it("move forward as the page goes and are not put back by a late write of an execution that lost the page", async () => {
    const { db } = database;
    const id = await newBackfill(db);

    await storePageCounts(db, id, 0, counts({}));
    await storePageCounts(db, id, 0, counts({ created: 2, linked: 1 }));
    expect((await pageCounts(db, id))["0"]).toEqual(counts({ created: 2, linked: 1 }));

    // The page taken over and run again: its new execution counts the same records, further along.
    await storePageCounts(db, id, 0, counts({ created: 2, linked: 1, unchanged: 3, failed: 1 }));
    // The old execution, still running, writes what it had counted: behind, so ignored.
    await storePageCounts(db, id, 0, counts({ created: 2, linked: 2 }));
    expect((await pageCounts(db, id))["0"]).toEqual(counts({ created: 2, linked: 1, unchanged: 3, failed: 1 }));

    // An equal count is stored (a page run again from its start replaces its counts) and other pages keep their own.
    await storePageCounts(db, id, 1, counts({ excluded: 4 }));
    await storePageCounts(db, id, 0, counts({ created: 7 }));
    expect(await pageCounts(db, id)).toEqual({ "0": counts({ created: 7 }), "1": counts({ excluded: 4 }) });
  });
});
