import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../runtime/testing/probe";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { HubSpotClient } from "./hubspot/client";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  // The app's database, as scripts/start.ts sets it; nothing in this file has read the env yet.
  process.env.DATABASE_URL = testDb.url;
});
afterAll(() => testDb.drop());

describe("providerLimiters", () => {
  it("counts a client's requests in the app's database when it has one, and holds their places there", async () => {
    const leases = () => testDb.db.$client<{ n: number }[]>`select count(*)::int as n from provider_concurrency_leases where key = 'hubspot:wired-1'`;
    const leasesDuringRequests: number[] = [];
    const fetch = async () => {
      leasesDuringRequests.push((await leases())[0]!.n);
      return Response.json({ id: "1", properties: {}, createdAt: "", updatedAt: "" });
    };
    const tokens = { current: async () => "token", afterRejection: async () => "token" };
    const client = new HubSpotClient({ baseUrl: "http://hubspot.test", connectionId: "wired-1", tokens, fetch });
    await client.getObject("contacts", "1", ["email"]);
    await client.getObject("contacts", "2", ["email"]);
    const rows = await testDb.db.$client<{ requests: number }[]>`select requests from provider_rate_windows where key = 'hubspot:wired-1'`;
    expect(rows.reduce((sum, row) => sum + row.requests, 0)).toBe(2);
    // Each request held a place (the first one's may still be on its way back during the second).
    expect(leasesDuringRequests).toHaveLength(2);
    for (const held of leasesDuringRequests) expect(held).toBeGreaterThan(0);
    await eventually(async () => (await leases())[0]!.n === 0);
  });
});
