/**
 * A measurement note, not a benchmark with targets: seeds 100,000 links for one org (and 20,000
 * for another, so the indexes hold more than one tenant) with generate_series, then prints the
 * EXPLAIN (ANALYZE, BUFFERS) of the record list's queries exactly as `sync.records` builds them:
 * the first page, a page 50 deep reached through the cursors, filtered pages, a label sort and
 * text searches. Run: `npx tsx bench/records-explain.ts` (BENCH_LINKS to change the size).
 */
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Throwaway values for this run's own database (nothing is encrypted that outlives it).
process.env.AUTH_SECRET ??= "explain-auth-secret-explain-auth-secret-0123";
process.env.TOKEN_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");

const LINKS = Number(process.env.BENCH_LINKS ?? 100_000);
const PAGE = 100;

async function main() {
  const { ensureDatabase, startEmbeddedPostgres } = await import("../server/db/embedded");
  const { applyMigrations } = await import("../server/db/migrate");
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-explain-"));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres(path.join(dir, "data"), { persistent: false, durable: false });
  try {
    const url = await ensureDatabase(server.url, "explain");
    await applyMigrations(url);
    process.env.DATABASE_URL = url;
    const { db } = await import("../server/db/client");
    const { sql } = await import("drizzle-orm");
    const { signUpOrg } = await import("../server/testing/accounts");
    const { seedLinks } = await import("../server/testing/seed-links");
    const { listRecords, recordPageQuery } = await import("../server/sync/status/records");
    type PageRequest = Parameters<typeof recordPageQuery>[2];

    const { orgId } = await signUpOrg(db(), "Explain Co");
    const { orgId: otherOrgId } = await signUpOrg(db(), "Neighbour Co");
    await seedLinks(db(), orgId, LINKS);
    await seedLinks(db(), otherOrgId, Math.round(LINKS / 5));
    await db().execute(sql`vacuum analyze record_links`);

    const explain = async (title: string, request: PageRequest) => {
      const query = recordPageQuery(db(), orgId, request).toSQL();
      const rows = await db().$client.unsafe(`explain (analyze, buffers, costs off, summary on) ${query.sql}`, query.params as never[]);
      console.log(`\n=== ${title}\n${rows.map((r) => (r as Record<string, string>)["QUERY PLAN"]).join("\n")}`);
    };
    const cursorAt = async (request: Omit<PageRequest, "cursor">, pages: number) => {
      let cursor: string | undefined;
      for (let i = 0; i < pages - 1; i++) cursor = (await listRecords(db(), orgId, { ...request, cursor })).nextCursor ?? undefined;
      return cursor;
    };

    console.log(`${LINKS} links in the org (+${Math.round(LINKS / 5)} in another), ${PAGE} per page`);
    await explain("first page, newest change first", { sort: "updated_desc", limit: PAGE });
    await explain("page 50 (via cursors), newest change first", { sort: "updated_desc", limit: PAGE, cursor: await cursorAt({ sort: "updated_desc", limit: PAGE }, 50) });
    await explain("first page of failed contacts", { object: "contacts", state: "failed", sort: "updated_desc", limit: PAGE });
    await explain("every failed record, oldest change first", { state: "failed", sort: "updated_asc", limit: PAGE });
    await explain("failed with one error code", { errorCode: "CLOSED_PERIOD", sort: "updated_desc", limit: PAGE });
    await explain("page 50 (via cursors) of products by label", {
      object: "products",
      sort: "label_asc",
      limit: PAGE,
      cursor: await cursorAt({ object: "products", sort: "label_asc", limit: PAGE }, 50),
    });
    await explain("text search: a HubSpot id", { text: "1054321", sort: "updated_desc", limit: PAGE });
    await explain("text search: part of a label, selective", { text: "ab12c", sort: "updated_desc", limit: PAGE });
    await explain("text search: common text (matches nearly every row)", { text: "customer 1", sort: "updated_desc", limit: PAGE });
  } finally {
    const { db } = await import("../server/db/client").catch(() => ({ db: null }));
    await db?.().$client.end({ timeout: 5 }).catch(() => undefined);
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
