/**
 * Change → synced latency under a steady stream of users' edits on both sides (contacts,
 * products and invoices in turn), with production delivery: the QuickBooks sandbox batches its
 * webhooks over its production-like window (60 s unless SANDBOX_QUICKBOOKS_WEBHOOK_WINDOW_MS),
 * HubSpot delivers each within 0–3 s, Tandem polls QuickBooks CDC every QUICKBOOKS_POLL_SECONDS
 * and reconciles on its cron. Then the same with every webhook of the org's accounts dropped.
 */
import { env } from "../../server/env";
import { webhookWindowMs } from "../../server/sandbox/quickbooks/domain/webhook-window";
import { reconcileIntervalMinutes } from "../../server/sync/reconcile-interval";
import { editPools, makeEdit, timeline, verifyOtherSide, waitDone, watchEdits, type Edit, type EditedObject, type Side } from "../lib/edits";
import { round, sleep, spread, type Spread } from "../lib/stats";
import { linksBy } from "../lib/sync";
import type { Org, World } from "../lib/world";

export const TARGET_P95_MS = { hubspot: 5_000, quickbooks: 15_000 };
/** HubSpot's delivery "within seconds": each event waits 0–3 s before it is batched. */
export const HUBSPOT_DELIVERY_MAX_DELAY_MS = 3_000;

export interface StreamResult {
  seconds: number;
  editEveryMs: number;
  /** Each wait between edits drawn from 0.5–1.5 × editEveryMs (older results: a fixed wait). */
  jittered?: boolean;
  edits: number;
  notSynced: number;
  /** The edits that never showed synced, with their link's state then. */
  unsynced: Array<{ object: EditedObject; side: Side; id: string; state: string | null; errorCode: string | null }>;
  /** By the side the edit was made on: its change reaching the other side. */
  hubspotOriginated: Spread;
  quickbooksOriginated: Spread;
  byObject: Record<string, { hubspot: Spread | null; quickbooks: Spread | null }>;
  /** Where the time went (p50 / p95 ms per stage), by the side edited; `via`: how Tandem noticed the changes. */
  stages: Record<Side, { via: Record<string, number>; noticed: Spread | null; waiting: Spread | null; syncing: Spread | null }>;
}

async function stream(org: Org, seconds: number, everyMs: number, settleMs: number, log: (line: string) => void): Promise<StreamResult> {
  const pools = await editPools(org);
  const objects: EditedObject[] = ["contacts", "products", "invoices"];
  const edits: Edit[] = [];
  const watcher = watchEdits(org, edits);
  const turns = new Map<string, number>();
  const end = Date.now() + seconds * 1000;
  for (let i = 0; Date.now() < end; i++) {
    const side: Side = i % 2 === 0 ? "hubspot" : "quickbooks";
    const object = objects[Math.floor(i / 2) % objects.length]!;
    const pool = pools[object][side];
    const turn = turns.get(`${object}:${side}`) ?? 0;
    turns.set(`${object}:${side}`, turn + 1);
    // A record whose previous edit is still on its way is skipped: one edit at a time per record.
    const busy = new Set(edits.filter((e) => e.doneAt === undefined && e.object === object && e.side === side).map((e) => e.id));
    const chosen = pool.map((_, k) => pool[(turn + k) % pool.length]!).find((l) => !busy.has(String(side === "hubspot" ? l.hubspotId : l.quickbooksId)));
    if (chosen) edits.push(await makeEdit(org, object, side, chosen, `Bench ${side[0]}${Date.now().toString(36)}${i}`));
    // Jittered: with a fixed wait, edits on one side can fall in step with the CDC poll (every 5 s
    // alternating = every 10 s on QuickBooks) and every latency then has the same phase.
    await sleep(everyMs * (0.5 + Math.random()));
  }
  await waitDone(org, edits, settleMs);
  await watcher.stop();
  await verifyOtherSide(org, edits);
  const latency = (list: Edit[]) => list.filter((e) => e.doneAt !== undefined).map((e) => e.doneAt! - e.at);
  const of = (side: Side, object?: EditedObject) => edits.filter((e) => e.side === side && (!object || e.object === object));
  const orNull = (values: number[]) => (values.length ? spread(values, 0) : null);
  const result: StreamResult = {
    seconds,
    editEveryMs: everyMs,
    jittered: true,
    edits: edits.length,
    notSynced: edits.filter((e) => e.doneAt === undefined).length,
    unsynced: await unsyncedOf(org, edits),
    hubspotOriginated: spread(latency(of("hubspot")), 0),
    quickbooksOriginated: spread(latency(of("quickbooks")), 0),
    byObject: Object.fromEntries(objects.map((o) => [o, { hubspot: orNull(latency(of("hubspot", o))), quickbooks: orNull(latency(of("quickbooks", o))) }])),
    stages: await stagesOf(edits),
  };
  log(`stream: ${JSON.stringify(result)}`);
  return result;
}

async function stagesOf(edits: Edit[]): Promise<StreamResult["stages"]> {
  const rows = await timeline(edits);
  const orNull = (values: number[]) => (values.length ? spread(values, 0) : null);
  const of = (side: Side) => {
    const mine = rows.filter((r) => r.edit.side === side);
    const via: Record<string, number> = {};
    for (const r of mine) via[r.via] = (via[r.via] ?? 0) + 1;
    return { via, noticed: orNull(mine.map((r) => r.noticedMs)), waiting: orNull(mine.map((r) => r.waitingMs)), syncing: orNull(mine.map((r) => r.syncingMs)) };
  };
  return { hubspot: of("hubspot"), quickbooks: of("quickbooks") };
}

async function unsyncedOf(org: Org, edits: Edit[]): Promise<StreamResult["unsynced"]> {
  const open = edits.filter((e) => e.doneAt === undefined);
  const out: StreamResult["unsynced"] = [];
  for (const edit of open) {
    const [link] = await linksBy(org, edit.object, edit.side, [edit.id]);
    out.push({ object: edit.object, side: edit.side, id: edit.id, state: link?.state ?? null, errorCode: link?.errorCode ?? null });
  }
  return out;
}

export interface LatencyResults {
  delivery: { quickbooksWebhookWindowMs: number; hubspotMaxDelayMs: number; quickbooksPollSeconds: number; reconcileIntervalMinutes: number };
  steady: StreamResult;
  met: { hubspot: boolean; quickbooks: boolean };
}

export async function latencySection(world: World, org: Org, log: (line: string) => void): Promise<LatencyResults> {
  await world.stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, { webhookMaxDelayMs: HUBSPOT_DELIVERY_MAX_DELAY_MS });
  const seconds = Number(process.env.BENCH_STREAM_SECONDS ?? 180);
  const steady = await stream(org, seconds, Number(process.env.BENCH_EDIT_EVERY_MS ?? 2_000), 3 * 60_000, log);
  return {
    delivery: {
      quickbooksWebhookWindowMs: webhookWindowMs(null),
      hubspotMaxDelayMs: HUBSPOT_DELIVERY_MAX_DELAY_MS,
      quickbooksPollSeconds: env().QUICKBOOKS_POLL_SECONDS,
      reconcileIntervalMinutes: reconcileIntervalMinutes(),
    },
    steady,
    met: { hubspot: steady.notSynced === 0 && steady.hubspotOriginated.p95 < TARGET_P95_MS.hubspot, quickbooks: steady.notSynced === 0 && steady.quickbooksOriginated.p95 < TARGET_P95_MS.quickbooks },
  };
}

export interface DroppedResults {
  reconcileIntervalMinutes: number;
  targetMs: number;
  stream: StreamResult;
  met: boolean;
}

/** Every webhook of the org's accounts dropped: changes arrive by the CDC poll (QuickBooks) or reconciliation. */
export async function droppedWebhooksSection(world: World, org: Org, log: (line: string) => void): Promise<DroppedResults> {
  const minutes = reconcileIntervalMinutes();
  const targetMs = minutes * 60_000 + 5_000;
  await world.stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, { webhookDropRate: 1 });
  await world.stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
  try {
    // Edits over one whole interval, so they fall at every point of the reconciliation cycle.
    const seconds = Number(process.env.BENCH_DROPPED_SECONDS ?? minutes * 60 + 30);
    const result = await stream(org, seconds, Number(process.env.BENCH_DROPPED_EDIT_EVERY_MS ?? 5_000), targetMs + 60_000, log);
    const worst = Math.max(result.hubspotOriginated.max, result.quickbooksOriginated.max);
    return { reconcileIntervalMinutes: minutes, targetMs, stream: result, met: result.notSynced === 0 && worst <= targetMs };
  } finally {
    await world.stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, {});
    await world.stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: {} });
  }
}

export const roundSeconds = (ms: number) => round(ms / 1000, 1);
