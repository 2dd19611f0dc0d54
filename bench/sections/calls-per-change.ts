/**
 * Provider calls per synced change, per object and the side the change was made on: a batch of
 * edits of one kind at a time, counted from the first edit until Tandem is done with everything
 * they caused, the webhooks of its own writes included (QuickBooks sends them a window later).
 * The bench's edits go through the sandboxes' stores and cost no API call; Tandem's QuickBooks CDC
 * poll (one call every QUICKBOOKS_POLL_SECONDS whether anything changed or not) is counted apart.
 */
import { webhookWindowMs } from "../../server/sandbox/quickbooks/domain/webhook-window";
import { editPools, makeEdit, waitDone, type Edit, type EditedObject, type Side } from "../lib/edits";
import { round, sleep } from "../lib/stats";
import { orgQuiet } from "../lib/sync";
import type { Org, World } from "../lib/world";

export interface CallsPerChange {
  object: EditedObject;
  origin: Side;
  changes: number;
  synced: number;
  calls: { hubspot: number; quickbooks: number; quickbooksCdc: number };
  callsPerChange: number;
  callsByKind: Record<string, number>;
  seconds: number;
  /** Reconciliation passes of the org that ran meanwhile (their calls are in the count). */
  reconcilePasses: number;
}

async function reconcilePassesSince(org: Org, since: Date): Promise<number> {
  const { db } = await import("../../server/db/client");
  const { runs } = await import("../../server/runtime/embedded/schema");
  const { and, eq, gte, sql } = await import("drizzle-orm");
  const rows = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(runs)
    .where(and(eq(runs.workflowId, "reconcile-org"), gte(runs.createdAt, since), sql`${runs.event}->'data'->>'orgId' = ${org.orgId}`));
  return rows[0]?.n ?? 0;
}

export async function callsPerChangeSection(world: World, org: Org, log: (line: string) => void): Promise<CallsPerChange[]> {
  const changes = Number(process.env.BENCH_CALL_CHANGES ?? 10);
  const pools = await editPools(org);
  const results: CallsPerChange[] = [];
  // Everything earlier (Tandem's own writes' webhooks included) is worked off first.
  await sleep(webhookWindowMs(null) + 5_000);
  await orgQuiet(org, 5 * 60_000);
  for (const object of ["contacts", "products", "invoices"] as const) {
    for (const origin of ["hubspot", "quickbooks"] as const) {
      const tally = world.tallyCalls();
      const started = Date.now();
      const edits: Edit[] = [];
      const pool = pools[object][origin];
      for (let i = 0; i < changes; i++) {
        edits.push(await makeEdit(org, object, origin, pool[i % pool.length]!, `Calls ${origin[0]}${Date.now().toString(36)}${i}`));
        await sleep(500);
      }
      await waitDone(org, edits, 3 * 60_000);
      // The webhooks these edits and Tandem's writes cause arrive up to a window later.
      await sleep(webhookWindowMs(null) + 5_000);
      await orgQuiet(org, 5 * 60_000);
      const counted = tally.stop();
      const synced = edits.filter((e) => e.doneAt !== undefined).length;
      const result: CallsPerChange = {
        object,
        origin,
        changes,
        synced,
        calls: { hubspot: counted.hubspot, quickbooks: counted.quickbooks, quickbooksCdc: counted.quickbooksCdc },
        callsPerChange: synced ? round((counted.hubspot + counted.quickbooks) / synced, 2) : 0,
        callsByKind: tally.byKind(),
        seconds: round((Date.now() - started) / 1000, 0),
        reconcilePasses: await reconcilePassesSince(org, new Date(started)),
      };
      log(`calls per change: ${JSON.stringify(result)}`);
      results.push(result);
    }
  }
  return results;
}
