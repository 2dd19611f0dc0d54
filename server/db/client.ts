import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres, { type Sql } from "postgres";
import { env } from "../env";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema> & { $client: Sql };
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or a transaction on it, for code that only runs queries. */
export type Queryable = Database | Transaction;

export function createDatabase(url: string, options: { max?: number } = {}): { db: Database; close: () => Promise<void> } {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  return { db: drizzle(client, { schema }), close: () => client.end({ timeout: 5 }) };
}

// Next's dev server re-evaluates modules on every change; keeping the pool on globalThis stops
// each reload from opening a new one.
const globalForDb = globalThis as unknown as { tandemDb?: Database };

export function db(): Database {
  globalForDb.tandemDb ??= createDatabase(env().DATABASE_URL).db;
  return globalForDb.tandemDb;
}
