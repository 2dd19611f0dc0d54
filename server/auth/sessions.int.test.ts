import type { JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, signUpOrg } from "../testing/accounts";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { authenticate } from "./authenticate";
import { authOptions } from "./options";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  // authOptions() reaches the database through db(), which reads DATABASE_URL.
  process.env.DATABASE_URL = testDb.url;
});
afterAll(() => testDb.drop());

const limits = { clientAddress: "192.0.2.1", maxFailures: 5, maxAttemptsPerAddress: 100 };

/** The token next-auth would issue at sign-in, and a function reading a session from it as next-auth does. */
async function signIn(email: string, password: string) {
  const user = await authenticate(testDb.db, email, password, limits);
  if (!user) throw new Error("sign-in failed");
  const { callbacks } = authOptions();
  const token = (await callbacks!.jwt!({ token: { sub: user.id, email }, user: user as never, account: null })) as JWT;
  return { token, read: () => callbacks!.jwt!({ token, user: undefined as never, account: null }) };
}

async function newUser() {
  const { userId } = await signUpOrg(testDb.db);
  const me = await callerFor(testDb.db, userId).account.me();
  return { userId, email: me.user.email };
}

describe("sessions", () => {
  it("stop working once their user signs out, while a new sign-in works", async () => {
    const { email } = await newUser();
    const copied = await signIn(email, "correct horse battery");
    await expect(copied.read()).resolves.toMatchObject({ sub: copied.token.sub });

    await authOptions().events!.signOut!({ token: copied.token, session: undefined as never });
    await expect(copied.read()).rejects.toMatchObject({ name: "SessionRevokedError" });

    const fresh = await signIn(email, "correct horse battery");
    await expect(fresh.read()).resolves.toMatchObject({ sub: fresh.token.sub });
  });

  it("stop working when the password changes; the new password signs in", async () => {
    const { userId, email } = await newUser();
    const before = await signIn(email, "correct horse battery");
    await expect(
      callerFor(testDb.db, userId).account.changePassword({ currentPassword: "not it", newPassword: "a brand new password" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(before.read()).resolves.toBeDefined();

    await callerFor(testDb.db, userId).account.changePassword({ currentPassword: "correct horse battery", newPassword: "a brand new password" });
    await expect(before.read()).rejects.toMatchObject({ name: "SessionRevokedError" });
    const after = await signIn(email, "a brand new password");
    await expect(after.read()).resolves.toMatchObject({ sub: userId });
  });
});
