import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";

export interface ThrowawayDatabase {
  url: string;
  drop: () => Promise<void>;
}

/**
 * A fresh copy of the test run's migrated template database (which holds both sandboxes'
 * schemas), for one sandbox test file; `drop` removes it. The sandboxes' own tests use this
 * instead of the product's test helpers, so they share no code with the product.
 */
export async function throwawayDatabase(prefix = "sandbox"): Promise<ThrowawayDatabase> {
  const serverUrl = inject("databaseServerUrl");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database "${name}" template "${inject("templateDatabase")}"`);
      break;
    } catch (error) {
      // Two files copying the template at the same instant can briefly see each other as users of it.
      if (attempt >= 20 || !String(error).includes("being accessed by other users")) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
