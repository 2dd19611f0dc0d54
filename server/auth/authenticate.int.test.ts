import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { createAccount } from "./accounts";
import { authenticate } from "./authenticate";
import { TooManySignInAttempts } from "./sign-in-throttle";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  await createAccount(testDb.db, { name: "Gina", company: "Gina Co", email: "gina@test.io", password: "the right password" });
});
afterAll(() => testDb.drop());

const options = { maxFailures: 3 };

describe("authenticate", () => {
  it("accepts the right password whatever the email's letter case", async () => {
    await expect(authenticate(testDb.db, "GINA@test.io", "the right password", options)).resolves.toMatchObject({
      email: "gina@test.io",
    });
  });

  it("returns null for a wrong password or an unknown email", async () => {
    await expect(authenticate(testDb.db, "gina@test.io", "wrong password", options)).resolves.toBeNull();
    await expect(authenticate(testDb.db, "nobody@test.io", "wrong password", options)).resolves.toBeNull();
  });

  it("locks the email out after repeated failures, even for the right password", async () => {
    await createAccount(testDb.db, { name: "Hal", company: "Hal Co", email: "hal@test.io", password: "the right password" });
    for (let i = 0; i < options.maxFailures; i++) {
      await expect(authenticate(testDb.db, "hal@test.io", "guess", options)).resolves.toBeNull();
    }
    const locked = authenticate(testDb.db, "hal@test.io", "the right password", options);
    await expect(locked).rejects.toBeInstanceOf(TooManySignInAttempts);
    await expect(locked).rejects.toMatchObject({ retryAfterSeconds: 30 });
    // Another email is not affected by Hal's lock.
    await expect(authenticate(testDb.db, "gina@test.io", "the right password", options)).resolves.not.toBeNull();
  });
});
