/**
 * `npm run bench`: measures the sync against the sandboxes on this machine (not part of `npm test`).
 *  1. Initial contact sync throughput, as a fraction of what HubSpot's rate limit allows.
 *  2. Change-to-synced latency: a QuickBooks edit until HubSpot shows it (webhook path).
 *  3. Provider API calls per synced change, and how fast the webhook endpoint answers.
 *  4. Sync overview and record list query time with 100,000 records in the org.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

process.env.AUTH_SECRET ??= "bench-auth-secret-bench-auth-secret-0123456789";
process.env.TOKEN_ENCRYPTION_KEY ??= Buffer.alloc(32, 9).toString("base64");

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 200);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);
const LINKS = Number(process.env.BENCH_LINKS ?? 100_000);
/** OAuth apps get 110 requests per 10 s per HubSpot account. */
const HUBSPOT_REQUESTS_PER_SECOND = 11;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const { ensureDatabase, startEmbeddedPostgres } = await import("../server/db/embedded");
  const { applyMigrations } = await import("../server/db/migrate");
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-bench-"));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres(path.join(dir, "data"), { persistent: false, durable: false });
  try {
    const url = await ensureDatabase(server.url, "bench");
    await applyMigrations(url);
    const { startStack, connectNewOrg, eventually } = await import("../server/testing/stack");
    const { db } = await import("../server/db/client");
    const { recordLinks } = await import("../server/db/schema");
    const { createSyncContext } = await import("../server/sync/org-context");
    const { and, eq, sql } = await import("drizzle-orm");
    type QboCustomer = import("../server/providers/quickbooks/types").QboCustomer;
    const stack = await startStack({ url, drop: async () => {} }, { runtimeConcurrency: 4 });
    const results: Record<string, unknown> = {};
    try {
      const org = await connectNewOrg(stack);
      const ctx = await createSyncContext(db(), org.orgId);
      // Seeding is not what is measured: let the QuickBooks company's clock run fast meanwhile.
      await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { timeScale: 1000 });
      const seeded: string[] = [];
      for (let i = 0; i < CUSTOMERS; i++) {
        const customer = await ctx.quickbooks.create<QboCustomer>(
          "Customer",
          { DisplayName: `Bench Customer ${i}`, GivenName: "Bench", FamilyName: `Customer ${i}`, PrimaryEmailAddr: { Address: `bench-${i}@example.test` } },
          `bench-seed-${i}`,
        );
        seeded.push(customer.Id);
      }
      await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { timeScale: null });

      // 1. Initial sync throughput.
      stack.requestCounts.clear();
      const started = performance.now();
      await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
      await eventually(
        async () => {
          const [row] = await db()
            .select({ done: sql<number>`count(*) filter (where ${recordLinks.state} <> 'pending')::int` })
            .from(recordLinks)
            .where(and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.object, "contacts")));
          return (row?.done ?? 0) >= CUSTOMERS;
        },
        "the initial contact sync",
        600_000,
      );
      const seconds = (performance.now() - started) / 1000;
      const hubspotRequests = stack.requestCounts.get("/sandbox/hubspot/api") ?? 0;
      results.initialSync = {
        records: CUSTOMERS,
        seconds: Number(seconds.toFixed(2)),
        recordsPerSecond: Number((CUSTOMERS / seconds).toFixed(2)),
        hubspotRequests,
        quickbooksRequests: stack.requestCounts.get("/sandbox/quickbooks/v3") ?? 0,
        fractionOfHubSpotLimit: Number((hubspotRequests / seconds / HUBSPOT_REQUESTS_PER_SECOND).toFixed(2)),
      };

      // The seeding's own webhooks are still being worked off: let them finish so they don't count below.
      const { countRuns } = await import("../server/runtime");
      await eventually(
        async () => (await countRuns(db())).every((row) => row.status === "completed" || row.status === "failed"),
        "the queue to drain",
        600_000,
      );

      // 2 + 3. Change-to-synced latency and calls per change.
      stack.requestCounts.clear();
      const latencies: number[] = [];
      for (let i = 0; i < CHANGES; i++) {
        const id = seeded[i % seeded.length]!;
        const current = await ctx.quickbooks.get<QboCustomer>("Customer", id);
        const phone = `555-${String(1000 + i)}`;
        const changedAt = performance.now();
        await ctx.quickbooks.update("Customer", { Id: current.Id, SyncToken: current.SyncToken, PrimaryPhone: { FreeFormNumber: phone } }, `bench-change-${i}`);
        const linkOf = () =>
          db().query.recordLinks.findFirst({
            where: and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.object, "contacts"), eq(recordLinks.quickbooksId, id)),
          });
        const before = await linkOf();
        // Watch Tandem's own record (not HubSpot) so the bench's polling isn't counted as sync traffic.
        const after = await eventually(async () => {
          const link = await linkOf();
          return link && link.quickbooksHash !== before?.quickbooksHash && link.state === "synced" ? link : undefined;
        }, `change ${i}`);
        latencies.push(performance.now() - changedAt);
        const contact = await ctx.hubspot.getObject("contacts", after.hubspotId!, ["phone"]);
        if (contact.properties.phone !== phone) throw new Error(`change ${i} reached HubSpot wrong: ${contact.properties.phone}`);
      }
      // The bench's own edits (a read and a write in QuickBooks) and checks (a read in HubSpot) aside.
      const syncCalls =
        (stack.requestCounts.get("/sandbox/hubspot/api") ?? 0) - CHANGES + (stack.requestCounts.get("/sandbox/quickbooks/v3") ?? 0) - CHANGES * 2;
      results.changeLatencyMs = { changes: CHANGES, p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)), max: Math.round(Math.max(...latencies)) };
      results.apiCallsPerChange = Number((syncCalls / CHANGES).toFixed(2));

      // 3b. How fast the webhook endpoint answers (Intuit wants 200 within 3 s, HubSpot within 5 s).
      const { quickbooksSignature } = await import("../server/webhooks/signatures");
      const answerTimes: number[] = [];
      for (let i = 0; i < 50; i++) {
        const raw = JSON.stringify({
          eventNotifications: [{ realmId: org.realmId, dataChangeEvent: { entities: [{ name: "Customer", id: seeded[i % seeded.length], operation: "Update", lastUpdated: `bench-${i}` }] } }],
        });
        const sentAt = performance.now();
        const response = await fetch(`${stack.origin}/api/webhooks/quickbooks`, {
          method: "POST",
          headers: { "content-type": "application/json", "intuit-signature": quickbooksSignature(stack.quickbooksApp.verifierToken, raw) },
          body: raw,
        });
        await response.arrayBuffer();
        answerTimes.push(performance.now() - sentAt);
      }
      results.webhookAnswerMs = { requests: answerTimes.length, p50: Number(percentile(answerTimes, 50).toFixed(1)), p95: Number(percentile(answerTimes, 95).toFixed(1)) };

      // 4. Query time at scale.
      await db().execute(sql`
        insert into record_links (org_id, object, hubspot_id, quickbooks_id, origin, label, state, error_code)
        select ${org.orgId}::uuid, 'contacts', 'bench-h-' || g, 'bench-q-' || g, 'quickbooks', 'Record ' || g,
               (array['synced','failed','excluded','synced']::record_state[])[1 + g % 4],
               case when g % 4 = 1 then 'DUPLICATE_DISPLAY_NAME' end
        from generate_series(1, ${LINKS}) g`);
      await db().execute(sql`analyze record_links`);
      const time = async (fn: () => Promise<unknown>) => {
        const samples: number[] = [];
        for (let i = 0; i < 20; i++) {
          const t = performance.now();
          await fn();
          samples.push(performance.now() - t);
        }
        return { p50: Number(percentile(samples, 50).toFixed(1)), p95: Number(percentile(samples, 95).toFixed(1)) };
      };
      results.queriesAt100kMs = {
        links: LINKS,
        overview: await time(() => org.caller.sync.overview()),
        failedList: await time(() => org.caller.sync.records({ object: "contacts", state: "failed" })),
      };
    } finally {
      await stack.stop();
    }
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
