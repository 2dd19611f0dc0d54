import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { createAccount } from "./accounts";
import { authenticate, type AuthenticateOptions } from "./authenticate";
import { UNKNOWN_ADDRESS } from "./client-address";
import { TooManySignInAttempts } from "./sign-in-throttle";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  await createAccount(testDb.db, { name: "Gina", company: "Gina Co", email: "gina@test.io", password: "the right password" });
});
afterAll(() => testDb.drop());

let addresses = 0;
/** A client address of its own per test, so their per-address budgets don't mix. */
function from(address = `192.0.2.${++addresses}`, limits: Partial<AuthenticateOptions> = {}): AuthenticateOptions {
  return { clientAddress: address, maxFailures: 3, maxAttemptsPerAddress: 100, ...limits };
}

async function account(email: string) {
  await createAccount(testDb.db, { name: "User", company: "Co", email, password: "the right password" });
  return email;
}

describe("authenticate", () => {
  it("accepts the right password whatever the email's letter case", async () => {
    await expect(authenticate(testDb.db, "GINA@test.io", "the right password", from())).resolves.toMatchObject({
      email: "gina@test.io",
      sessionVersion: 0,
    });
  });

  it("returns null for a wrong password or an unknown email", async () => {
    const options = from();
    await expect(authenticate(testDb.db, "gina@test.io", "wrong password", options)).resolves.toBeNull();
    await expect(authenticate(testDb.db, "nobody@test.io", "wrong password", options)).resolves.toBeNull();
  });

  it("locks the email out for that address after repeated failures, even for the right password, but not for other addresses", async () => {
    const hal = await account("hal@test.io");
    const attacker = from();
    for (let i = 0; i < attacker.maxFailures; i++) {
      await expect(authenticate(testDb.db, hal, "guess", attacker)).resolves.toBeNull();
    }
    const locked = authenticate(testDb.db, hal, "the right password", attacker);
    await expect(locked).rejects.toBeInstanceOf(TooManySignInAttempts);
    // The first lock is 30 seconds from the attempt that reached the limit.
    const { retryAfterSeconds } = (await locked.catch((error: unknown) => error)) as TooManySignInAttempts;
    expect(retryAfterSeconds).toBeGreaterThan(0);
    expect(retryAfterSeconds).toBeLessThanOrEqual(30);
    // Hal, elsewhere, is not kept out by the stranger's guesses.
    await expect(authenticate(testDb.db, hal, "the right password", from())).resolves.not.toBeNull();
    // Another email from the attacker's address is not locked either.
    await expect(authenticate(testDb.db, "gina@test.io", "the right password", attacker)).resolves.not.toBeNull();
  });

  it("checks no more passwords than the limit when guesses arrive all at once", async () => {
    const ivy = await account("ivy@test.io");
    const attacker = from(undefined, { maxFailures: 5 });
    const outcomes = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => authenticate(testDb.db, ivy, `guess ${i}`, attacker)));
    const checked = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o) => o.status === "rejected" && o.reason instanceof TooManySignInAttempts);
    expect(checked).toHaveLength(5);
    expect(refused).toHaveLength(35);
  });

  it("limits one address's attempts across emails", async () => {
    const emails = await Promise.all(["jo", "kim", "lee", "max"].map((name) => account(`${name}@test.io`)));
    const sprayer = from(undefined, { maxAttemptsPerAddress: 3 });
    for (const email of emails.slice(0, 3)) await expect(authenticate(testDb.db, email, "guess", sprayer)).resolves.toBeNull();
    await expect(authenticate(testDb.db, emails[3]!, "the right password", sprayer)).rejects.toBeInstanceOf(TooManySignInAttempts);
    await expect(authenticate(testDb.db, emails[3]!, "the right password", from())).resolves.not.toBeNull();
  });

  it("has no per-address budget when the address is unknown (else all clients would share one)", async () => {
    const emails = await Promise.all(["oli", "pat", "quin", "rae"].map((name) => account(`${name}@test.io`)));
    const unknown = from(UNKNOWN_ADDRESS, { maxAttemptsPerAddress: 3 });
    for (const email of emails.slice(0, 3)) await expect(authenticate(testDb.db, email, "guess", unknown)).resolves.toBeNull();
    await expect(authenticate(testDb.db, emails[3]!, "the right password", unknown)).resolves.not.toBeNull();
  });

  it("clears the email's failures on success", async () => {
    const nia = await account("nia@test.io");
    const options = from();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < options.maxFailures - 1; i++) await authenticate(testDb.db, nia, "guess", options);
      await expect(authenticate(testDb.db, nia, "the right password", options)).resolves.not.toBeNull();
    }
  });
});
