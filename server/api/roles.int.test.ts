import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships } from "../db/schema";
import { callerFor as callerForUser, signUpOrg } from "../testing/accounts";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { PROVIDER_CALLS_PER_MINUTE } from "./trpc";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

const callerFor = (userId: string, orgId?: string) => callerForUser(testDb.db, userId, orgId);

/** An org with its owner, plus a second user who joins it with `role`. */
async function orgWith(role: "admin" | "member") {
  const owner = await signUpOrg(testDb.db, "Roles Co");
  const other = await signUpOrg(testDb.db, "Elsewhere");
  await testDb.db.insert(memberships).values({ orgId: owner.orgId, userId: other.userId, role });
  return { owner, as: callerFor(other.userId, owner.orgId) };
}

describe("roles", () => {
  it("let a member view the org's connections and settings but not change them", async () => {
    const { as: member } = await orgWith("member");
    await expect(member.connections.list()).resolves.toHaveLength(2);
    await expect(member.sync.overview()).resolves.toBeDefined();
    const changes = [
      () => member.connections.connectUrl({ provider: "hubspot" }),
      () => member.connections.disconnect({ provider: "hubspot" }),
      () => member.sync.updateSettings({ object: "contacts", conflictWinner: "hubspot" }),
    ];
    for (const change of changes) await expect(change()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("let owners and admins change settings and manage connections", async () => {
    const { owner, as: admin } = await orgWith("admin");
    for (const caller of [admin, callerFor(owner.userId)]) {
      await expect(caller.sync.updateSettings({ object: "contacts", conflictWinner: "hubspot" })).resolves.toMatchObject({ initialSyncStarted: false });
      // Past the role check: nothing is connected, so there is nothing to disconnect.
      await expect(caller.connections.disconnect({ provider: "hubspot" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});

describe("procedures that call a provider", () => {
  it("are limited per minute and org, and one org's calls don't count against another's", async () => {
    const busy = await signUpOrg(testDb.db, "Busy Co");
    const quiet = await signUpOrg(testDb.db, "Quiet Co");
    for (let i = 0; i < PROVIDER_CALLS_PER_MINUTE; i++) {
      await expect(callerFor(busy.userId).connections.health({ provider: "quickbooks" })).resolves.toMatchObject({ status: "not_connected" });
    }
    await expect(callerFor(busy.userId).connections.health({ provider: "quickbooks" })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(callerFor(quiet.userId).connections.health({ provider: "quickbooks" })).resolves.toMatchObject({ status: "not_connected" });
  });
});
