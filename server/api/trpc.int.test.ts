import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor as callerForUser } from "../testing/accounts";
import { createTestDatabase, type TestDatabase } from "../testing/database";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

const callerFor = (userId: string | null, orgId?: string) => callerForUser(testDb.db, userId, orgId);

async function signUp(email: string, company: string) {
  return callerFor(null).auth.signUp({ name: "Test User", company, email, password: "correct horse battery" });
}

describe("org procedures", () => {
  it("put the member's org into the context", async () => {
    const alice = await signUp("alice@acme.test", "Acme");
    const me = await callerFor(alice.userId).account.me();
    expect(me.org).toEqual({ id: alice.orgId, name: "Acme", role: "owner" });
    expect(me.user.email).toBe("alice@acme.test");
  });

  it("refuse a user who is not a member of the requested org", async () => {
    const bob = await signUp("bob@globex.test", "Globex");
    const carol = await signUp("carol@initech.test", "Initech");
    const attempt = callerFor(carol.userId, bob.orgId).account.me();
    await expect(attempt).rejects.toBeInstanceOf(TRPCError);
    await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(bob.userId, bob.orgId).account.me()).resolves.toMatchObject({ org: { id: bob.orgId } });
  });

  it("refuse callers who are not signed in", async () => {
    await expect(callerFor(null).account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("reject an org header that is not an id", async () => {
    const dave = await signUp("dave@hooli.test", "Hooli");
    await expect(callerFor(dave.userId, "not-a-uuid").account.me()).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("sign-up", () => {
  it("refuses an email already registered, in any letter case, and creates nothing", async () => {
    await signUp("erin@umbrella.test", "Umbrella");
    const orgsBefore = await testDb.db.query.orgs.findMany();
    await expect(signUp("Erin@Umbrella.test", "Umbrella 2")).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await testDb.db.query.orgs.findMany()).toHaveLength(orgsBefore.length);
  });

  it("rejects a short password with a field error", async () => {
    const attempt = callerFor(null).auth.signUp({ name: "F", company: "F", email: "f@f.test", password: "short" });
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await testDb.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, "f@f.test") })).toBeUndefined();
  });
});
