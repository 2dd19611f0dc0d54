import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor as callerForUser, signUpOrg } from "../testing/accounts";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { createInvite, INVITE_TTL_MS } from "./invites";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

const callerFor = (userId: string | null, orgId?: string) => callerForUser(testDb.db, userId, orgId);
const tokenOf = (path: string) => path.replace("/invite/", "");

async function emailOf(userId: string) {
  return (await callerFor(userId).account.me()).user.email;
}

describe("invites", () => {
  it("let someone new sign up through the link and join the org as a member, once", async () => {
    const owner = await signUpOrg(testDb.db, "Inviting Co");
    const { path } = await callerFor(owner.userId).members.invite({ email: "New.Person@Example.test" });
    expect((await callerFor(owner.userId).members.list()).invites).toMatchObject([{ email: "new.person@example.test", role: "member" }]);

    const joined = await callerFor(null).members.join({ token: tokenOf(path), name: "New Person", password: "a long enough password" });
    expect(joined.email).toBe("new.person@example.test");
    const { members, invites } = await callerFor(owner.userId).members.list();
    expect(members.map((m) => [m.email, m.role])).toContainEqual(["new.person@example.test", "member"]);
    expect(invites).toEqual([]);

    const again = callerFor(null).members.join({ token: tokenOf(path), name: "Someone Else", password: "a long enough password" });
    await expect(again).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("let an existing user accept an invite to their email, with the invited role; not anyone else", async () => {
    const owner = await signUpOrg(testDb.db, "Hiring Co");
    const invitee = await signUpOrg(testDb.db, "Invitee's Own Co");
    const stranger = await signUpOrg(testDb.db, "Stranger Co");
    const { path } = await callerFor(owner.userId).members.invite({ email: await emailOf(invitee.userId), role: "admin" });

    await expect(callerFor(stranger.userId).members.acceptInvite({ token: tokenOf(path) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(invitee.userId).members.acceptInvite({ token: tokenOf(path) })).resolves.toEqual({ orgId: owner.orgId });
    await expect(callerFor(invitee.userId, owner.orgId).account.me()).resolves.toMatchObject({ org: { id: owner.orgId, role: "admin" } });
    await expect(callerFor(stranger.userId, owner.orgId).account.me()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("are for owners and admins to send, not for members, and not to someone already in the org", async () => {
    const owner = await signUpOrg(testDb.db, "Guarded Co");
    const { path } = await callerFor(owner.userId).members.invite({ email: "member@guarded.test" });
    await callerFor(null).members.join({ token: tokenOf(path), name: "Mem Ber", password: "a long enough password" });
    const member = (await callerFor(owner.userId).members.list()).members.find((m) => m.email === "member@guarded.test")!;

    await expect(callerFor(member.userId).members.invite({ email: "friend@guarded.test" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(member.userId).members.list()).resolves.toMatchObject({ members: expect.any(Array) });
    await expect(callerFor(owner.userId).members.invite({ email: "MEMBER@guarded.test" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This person is already a member.",
    });
  });

  it("expire after seven days", async () => {
    const owner = await signUpOrg(testDb.db, "Slow Co");
    const sentLongAgo = new Date(Date.now() - INVITE_TTL_MS - 1000);
    const old = await createInvite(testDb.db, { orgId: owner.orgId, email: "late@slow.test", role: "member", invitedBy: owner.userId }, sentLongAgo);
    const join = callerFor(null).members.join({ token: old.token, name: "Late", password: "a long enough password" });
    await expect(join).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A fresh link for the same email replaces the old one and works.
    const fresh = await callerFor(owner.userId).members.invite({ email: "late@slow.test" });
    await expect(callerFor(null).members.join({ token: tokenOf(fresh.path), name: "Late", password: "a long enough password" })).resolves.toEqual({
      email: "late@slow.test",
    });
  });
});
