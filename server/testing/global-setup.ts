import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDatabase, startEmbeddedPostgres } from "../db/embedded";
import { applyMigrations } from "../db/migrate";
import { PostgresUnreachableError } from "../db/postgres-user";

export const TEMPLATE_DATABASE = "tandem_template";

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
    /** The migrated database each test file copies (the sandboxes' test harnesses read it too). */
    templateDatabase: string;
  }
}

/**
 * One throwaway PostgreSQL cluster for the whole run, with a migrated template database that each
 * integration test file copies (see `createTestDatabase`). Dev data under `.data/` is never touched.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-test-pg-"));
  // The server runs as the unprivileged "postgres" user, which must be able to enter the directory.
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres(path.join(dir, "data"), { persistent: false, durable: false }).catch((error: unknown) => {
    // Run as root from a private folder: the one sentence says what to do; a stack trace would bury it.
    if (!(error instanceof PostgresUnreachableError)) throw error;
    console.error(error.message);
    process.exit(1);
  });
  await applyMigrations(await ensureDatabase(server.url, TEMPLATE_DATABASE));
  project.provide("databaseServerUrl", server.url);
  project.provide("templateDatabase", TEMPLATE_DATABASE);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
