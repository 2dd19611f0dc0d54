import { existsSync } from "node:fs";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

/**
 * Each owner of tables (the product, and each sandbox provider, which shares no tables with it)
 * keeps its own migration folder and its own journal table, so their histories never interleave.
 */
export const MIGRATION_SETS = [
  { name: "app", folder: "drizzle/app" },
  { name: "runtime", folder: "drizzle/runtime" },
  { name: "sandbox-quickbooks", folder: "drizzle/sandbox-quickbooks" },
  { name: "sandbox-hubspot", folder: "drizzle/sandbox-hubspot" },
] as const;

const MIGRATION_LOCK_KEY = 7_031_994;

export async function applyMigrations(databaseUrl: string, root = process.cwd()): Promise<void> {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    // Two processes starting against one database must not both run the same migration.
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    const db = drizzle(client);
    for (const set of MIGRATION_SETS) {
      // A set with no migrations generated yet has no journal; there is nothing to apply.
      if (!existsSync(path.join(root, set.folder, "meta", "_journal.json"))) continue;
      await migrate(db, {
        migrationsFolder: path.join(root, set.folder),
        migrationsSchema: "drizzle",
        migrationsTable: `migrations_${set.name.replaceAll("-", "_")}`,
      });
    }
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
