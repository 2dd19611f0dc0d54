import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type SandboxDb = PostgresJsDatabase<typeof schema>;
export type SandboxTx = Parameters<Parameters<SandboxDb["transaction"]>[0]>[0];
/** Anything that can run a query: the pool or an open transaction. */
export type SandboxExecutor = SandboxDb | SandboxTx;

export function createSandboxDb(url: string, options: { max?: number } = {}): { db: SandboxDb; close: () => Promise<void> } {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  return { db: drizzle(client, { schema }), close: () => client.end({ timeout: 5 }) };
}

// Kept on globalThis so Next's dev reloads reuse one pool.
const globalForSandbox = globalThis as unknown as { sandboxQuickbooksDb?: SandboxDb };

/** The sandbox's own pool, on the same server as the product but only touching its own schema. */
export function sandboxDb(): SandboxDb {
  if (!globalForSandbox.sandboxQuickbooksDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("The QuickBooks sandbox needs DATABASE_URL");
    globalForSandbox.sandboxQuickbooksDb = createSandboxDb(url).db;
  }
  return globalForSandbox.sandboxQuickbooksDb;
}
