/**
 * The record view's queries with 100,000 records in the org (and 20,000 in a neighbour org),
 * through the tRPC procedures the UI calls (server/sync/status/records.ts and detail.ts): the
 * first page, a page 50 pages deep (keyset cursors), text searches, and one record with 50
 * activity rows. p50/p95 over repeated calls after a warm-up.
 */
import { and, eq, sql } from "drizzle-orm";
import { seedActivity, seedActivityOf, seedLinks } from "../../server/testing/seed-links";
import { timeRepeated, type Spread } from "../lib/stats";

export const TARGET_QUERY_P95_MS = 50;
const PAGE = 50;

export interface QueryResults {
  links: number;
  pageSize: number;
  repeats: number;
  firstPage: Spread;
  page50: Spread;
  searchSelective: Spread & { text: string; matches: number };
  searchCommon: Spread & { text: string; matches: number };
  recordWith50Activities: Spread;
  met: boolean;
}

export async function queriesSection(log: (line: string) => void): Promise<QueryResults> {
  const links = Number(process.env.BENCH_LINKS ?? 100_000);
  const repeats = Number(process.env.BENCH_QUERY_REPEATS ?? 40);
  const { db } = await import("../../server/db/client");
  const { recordLinks } = await import("../../server/db/schema");
  const { signUpOrg, callerFor } = await import("../../server/testing/accounts");
  const { orgId, userId } = await signUpOrg(db(), "Bench Records Co");
  const { orgId: neighbour } = await signUpOrg(db(), "Bench Neighbour Co");
  await seedLinks(db(), orgId, links);
  await seedLinks(db(), neighbour, Math.round(links / 5));
  await seedActivity(db(), orgId);
  const [busy] = await db().select({ id: recordLinks.id }).from(recordLinks).where(and(eq(recordLinks.orgId, orgId), eq(recordLinks.quickbooksId, "4242")));
  await seedActivityOf(db(), orgId, busy!.id, 50);
  await db().execute(sql`vacuum analyze record_links`);
  await db().execute(sql`vacuum analyze sync_activity`);
  const caller = callerFor(db(), userId);

  let cursor: string | undefined;
  for (let page = 1; page < 50; page++) cursor = (await caller.sync.records({ limit: PAGE, cursor })).nextCursor ?? undefined;
  if (!cursor) throw new Error("the list has fewer than 50 pages");
  const deep = cursor;
  // A piece of one label's md5 (one match) and a prefix nearly every label shares.
  const selective = (await db().execute(sql`select substr(md5('4242'), 3, 6) as text`)) as unknown as Array<{ text: string }>;
  const selectiveText = selective[0]!.text;
  const commonText = "customer 1";
  const count = async (text: string) => (await caller.sync.records({ limit: 100, text })).items.length;

  const results: QueryResults = {
    links,
    pageSize: PAGE,
    repeats,
    firstPage: await timeRepeated(() => caller.sync.records({ limit: PAGE }), repeats),
    page50: await timeRepeated(() => caller.sync.records({ limit: PAGE, cursor: deep }), repeats),
    searchSelective: { ...(await timeRepeated(() => caller.sync.records({ limit: PAGE, text: selectiveText }), repeats)), text: selectiveText, matches: await count(selectiveText) },
    searchCommon: { ...(await timeRepeated(() => caller.sync.records({ limit: PAGE, text: commonText }), repeats)), text: commonText, matches: await count(commonText) },
    recordWith50Activities: await timeRepeated(async () => {
      const record = await caller.sync.record({ id: busy!.id });
      if (record.activity.length !== 50) throw new Error(`expected 50 activity rows, got ${record.activity.length}`);
    }, repeats),
    met: false,
  };
  results.met = [results.firstPage, results.page50, results.searchSelective, results.searchCommon, results.recordWith50Activities].every((q) => q.p95 < TARGET_QUERY_P95_MS);
  log(`queries at ${links}: ${JSON.stringify(results)}`);
  return results;
}
