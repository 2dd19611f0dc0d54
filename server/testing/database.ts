import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { createDatabase, type Database } from "../db/client";

export interface TestDatabase {
  url: string;
  db: Database;
  drop: () => Promise<void>;
}

/** A fresh, migrated database of its own for one test file; `drop` removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject("databaseServerUrl");
  const template = inject("templateDatabase");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database "${name}" template "${template}"`);
      break;
    } catch (error) {
      // Two files copying the template at the same instant can briefly see each other as users of it.
      if (attempt >= 20 || !String(error).includes("being accessed by other users")) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const { db, close } = createDatabase(url.toString(), { max: 5 });
  return {
    url: url.toString(),
    db,
    drop: async () => {
      await close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
