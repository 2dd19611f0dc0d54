import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type SandboxDb = PostgresJsDatabase<typeof schema>;
export type SandboxTx = Parameters<Parameters<SandboxDb["transaction"]>[0]>[0];
export type SandboxExecutor = SandboxDb | SandboxTx;

// The sandbox keeps its own pool (it shares no code with the product's `server/db`); on globalThis
// so Next's dev reloads reuse it.
const holder = globalThis as unknown as { sandboxHubspotDb?: { url: string; db: SandboxDb; close: () => Promise<void> } };

/** The sandbox database, on `DATABASE_URL` (read on first use, re-read if it changed). */
export function sandboxDb(): SandboxDb {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the sandbox HubSpot needs PostgreSQL");
  if (holder.sandboxHubspotDb?.url !== url) {
    const client = postgres(url, { max: 5, onnotice: () => {} });
    holder.sandboxHubspotDb = { url, db: drizzle(client, { schema }), close: () => client.end({ timeout: 5 }) };
  }
  return holder.sandboxHubspotDb.db;
}

export async function closeSandboxDb(): Promise<void> {
  const current = holder.sandboxHubspotDb;
  holder.sandboxHubspotDb = undefined;
  await current?.close();
}
