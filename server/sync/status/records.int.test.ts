import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLinks } from "../../testing/seed-links";
import { createDatabase, type Database } from "../../db/client";
import { recordLinks } from "../../db/schema";
import { signUpOrg } from "../../testing/accounts";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { listRecords, recordPageQuery, type RecordPageRequest } from "./records";

let testDb: TestDatabase;
let database: { db: Database; close: () => Promise<void> };
let orgId: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  database = createDatabase(testDb.url, { max: 2 });
  orgId = (await signUpOrg(database.db, "List Co")).orgId;
  await seedLinks(database.db, orgId, 20_000);
  await seedLinks(database.db, (await signUpOrg(database.db, "Neighbour Co")).orgId, 4_000);
  await database.db.execute(sql`vacuum analyze record_links`);
});
afterAll(async () => {
  await database.close();
  await testDb.drop();
});

/** The plan of the list's query, sequential scans priced out so the choice doesn't hang on the planner's estimates at this size. */
async function planOf(request: RecordPageRequest): Promise<string> {
  const query = recordPageQuery(database.db, orgId, request).toSQL();
  return database.db.$client.begin(async (client) => {
    await client`set local enable_seqscan = off`;
    const rows = await client.unsafe(`explain (costs off) ${query.sql}`, query.params as never[]);
    return rows.map((r) => (r as Record<string, string>)["QUERY PLAN"]).join("\n");
  }) as Promise<string>;
}

describe("the record list", () => {
  it("lists invoices and their payments but not an invoice's lines", async () => {
    const { db } = database;
    const [invoice] = await db.insert(recordLinks).values({ orgId, object: "invoices", origin: "hubspot", hubspotId: "inv-1", label: "Invoice INV-1", state: "synced" }).returning();
    await db.insert(recordLinks).values([
      { orgId, object: "invoices", origin: "hubspot", hubspotId: "line-1", label: "Line of INV-1", parentLinkId: invoice!.id, state: "synced" },
      { orgId, object: "payments", origin: "hubspot", hubspotId: "pay-1", label: "Payment on INV-1", parentLinkId: invoice!.id, state: "synced" },
    ]);
    const { items } = await listRecords(db, orgId, { text: "inv-1", sort: "updated_desc", limit: 10 });
    expect(items.map((i) => i.label).sort()).toEqual(["Invoice INV-1", "Payment on INV-1"]);
  });

  it("reads every sort, filter and search through an index, whatever the table's size", async () => {
    const requests: RecordPageRequest[] = [
      { sort: "updated_desc", limit: 50 },
      { sort: "updated_asc", limit: 50 },
      { object: "contacts", sort: "updated_desc", limit: 50 },
      { state: "failed", sort: "updated_desc", limit: 50 },
      { object: "invoices", state: "failed", sort: "updated_desc", limit: 50 },
      { sort: "label_asc", limit: 50 },
      { object: "products", sort: "label_desc", limit: 50 },
      { text: "customer 1", sort: "updated_desc", limit: 50 },
    ];
    for (const request of requests) {
      const plan = await planOf(request);
      expect(plan, JSON.stringify(request)).not.toMatch(/Seq Scan on record_links/);
      expect(plan, JSON.stringify(request)).toMatch(/record_links_(list|search)_\w*idx/);
    }
  });
});
