import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { ObjectBusyError, withObjectLock } from "./object-lock";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

const org = "00000000-0000-4000-8000-000000000001";

describe("withObjectLock", () => {
  it("makes a `try` fail while another holds the lock, and a `wait` queue behind it", async () => {
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));

    const first = withObjectLock(testDb.db, org, "products", "wait", async () => {
      order.push("first:start");
      firstStarted();
      await firstHolds;
      order.push("first:end");
    });
    await started;
    await expect(withObjectLock(testDb.db, org, "products", "try", async () => "never")).rejects.toBeInstanceOf(ObjectBusyError);
    // Another object, or another org, is not held up.
    await expect(withObjectLock(testDb.db, org, "contacts", "try", async () => "free")).resolves.toBe("free");

    const second = withObjectLock(testDb.db, org, "products", "wait", async () => order.push("second"));
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(["first:start", "first:end", "second"]);
    await expect(withObjectLock(testDb.db, org, "products", "try", async () => "free again")).resolves.toBe("free again");
  });

  it("releases the lock when the work throws", async () => {
    await expect(withObjectLock(testDb.db, org, "invoices", "wait", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(withObjectLock(testDb.db, org, "invoices", "try", async () => "ok")).resolves.toBe("ok");
  });
});
