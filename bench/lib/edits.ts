/**
 * Users' edits on either side, made through the sandboxes' stores (the UI's path: they send
 * webhooks as the providers would, and no API call of the bench's lands in the tally), and how
 * Tandem's links show them synced.
 */
import { performance } from "node:perf_hooks";
import * as hubspot from "../../server/testing/hubspot-seed";
import * as quickbooks from "./seed-quickbooks";
import { linksBy, syncedLinks, until } from "./sync";
import type { Org } from "./world";

export type EditedObject = "contacts" | "products" | "invoices";
export type Side = "hubspot" | "quickbooks";

export interface Edit {
  object: EditedObject;
  side: Side;
  /** The record's id on the side it was edited on. */
  id: string;
  otherId: string;
  value: string;
  /** performance.now() of the edit, and the wall clock (to compare with the runtime's timestamps). */
  at: number;
  wallAt: number;
  doneAt?: number;
}

const QUICKBOOKS_TYPE = { contacts: "Customer", products: "Item", invoices: "Invoice" } as const;

/** The field each object's edits change (mapped both ways by default). */
function patch(object: EditedObject, side: Side, value: string): Record<string, unknown> {
  if (side === "hubspot") return object === "contacts" ? { phone: value } : object === "products" ? { description: value } : { hs_comments: value };
  return object === "contacts" ? { PrimaryPhone: { FreeFormNumber: value } } : object === "products" ? { Description: value } : { CustomerMemo: { value } };
}

export async function makeEdit(org: Org, object: EditedObject, side: Side, link: { hubspotId: string | null; quickbooksId: string | null }, value: string): Promise<Edit> {
  const id = (side === "hubspot" ? link.hubspotId : link.quickbooksId)!;
  const otherId = (side === "hubspot" ? link.quickbooksId : link.hubspotId)!;
  const at = performance.now();
  const wallAt = Date.now();
  if (side === "hubspot") await hubspot.editInHubSpot(org, object, id, patch(object, side, value) as Record<string, string>);
  else await quickbooks.editInQuickBooks(org.realmId, QUICKBOOKS_TYPE[object], id, patch(object, side, value));
  return { object, side, id, otherId, value, at, wallAt };
}

/** Marks edits done once their link is synced and the other side's snapshot holds the new value (Tandem's records, no provider call). */
export async function markDone(org: Org, edits: Edit[]): Promise<void> {
  const open = edits.filter((e) => e.doneAt === undefined);
  for (const object of ["contacts", "products", "invoices"] as const) {
    for (const side of ["hubspot", "quickbooks"] as const) {
      const group = open.filter((e) => e.object === object && e.side === side);
      if (group.length === 0) continue;
      const links = await linksBy(org, object, side, group.map((e) => e.id));
      const now = performance.now();
      for (const edit of group) {
        const link = links.find((l) => (side === "hubspot" ? l.hubspotId : l.quickbooksId) === edit.id);
        const target = side === "hubspot" ? link?.quickbooksSnapshot : link?.hubspotSnapshot;
        if (link?.state === "synced" && JSON.stringify(target ?? null).includes(edit.value)) edit.doneAt = now;
      }
    }
  }
}

export async function waitDone(org: Org, edits: Edit[], timeoutMs: number): Promise<void> {
  await until(
    async () => {
      await markDone(org, edits);
      return edits.every((e) => e.doneAt !== undefined);
    },
    `${edits.filter((e) => e.doneAt === undefined).length} edits to sync`,
    timeoutMs,
  ).catch(() => undefined);
}

/** Reads each done edit's other side in the sandbox's store: the value must be there (a wrong value throws). */
export async function verifyOtherSide(org: Org, edits: Edit[]): Promise<void> {
  const { sandboxDb } = await import("../../server/sandbox/hubspot/store/db");
  const { findRecord } = await import("../../server/sandbox/hubspot/store/records");
  for (const edit of edits.filter((e) => e.doneAt !== undefined)) {
    let shown: string;
    if (edit.side === "quickbooks") {
      const row = await findRecord(sandboxDb(), Number(org.hubspotPortalId), edit.object, Number(edit.otherId));
      shown = JSON.stringify(row?.properties ?? null);
    } else shown = JSON.stringify(await quickbooks.readInQuickBooks(org.realmId, QUICKBOOKS_TYPE[edit.object], edit.otherId));
    if (!shown.includes(edit.value)) throw new Error(`${edit.object} ${edit.side} edit ${edit.value} was marked synced but the other side shows ${shown.slice(0, 300)}`);
  }
}

/** Synced links per object, split so each side edits records of its own (no edit races another on one record). */
export async function editPools(org: Org): Promise<Record<EditedObject, Record<Side, Array<{ hubspotId: string | null; quickbooksId: string | null }>>>> {
  const pools = {} as Record<EditedObject, Record<Side, Array<{ hubspotId: string | null; quickbooksId: string | null }>>>;
  for (const object of ["contacts", "products", "invoices"] as const) {
    const links = (await syncedLinks(org, object)).filter((l) => l.hubspotId && l.quickbooksId && (object !== "invoices" || !l.parentLinkId));
    links.sort((a, b) => a.id.localeCompare(b.id));
    // Invoices are edited where they were made: a QuickBooks invoice edited in HubSpot is not sent
    // to QuickBooks (only invoices created in HubSpot are), by design.
    pools[object] =
      object === "invoices"
        ? { hubspot: links.filter((l) => l.origin === "hubspot"), quickbooks: links.filter((l) => l.origin === "quickbooks") }
        : { hubspot: links.filter((_, i) => i % 2 === 0), quickbooks: links.filter((_, i) => i % 2 === 1) };
  }
  return pools;
}

/** Checks the edits every 200 ms in the background (the latency's resolution) until stopped. */
export function watchEdits(org: Org, edits: Edit[]): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await markDone(org, edits);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/**
 * Where an edit's time went, from the runtime's records: until Tandem noticed it (the first
 * sync-record run for it was queued: a webhook, the CDC poll or reconciliation), waiting (the
 * 1 s debounce, the queue), syncing (the run), and until the bench saw the link synced.
 */
export async function timeline(edits: Edit[]): Promise<Array<{ edit: Edit; via: string; noticedMs: number; waitingMs: number; syncingMs: number }>> {
  const { db } = await import("../../server/db/client");
  const { sql } = await import("drizzle-orm");
  const out: Array<{ edit: Edit; via: string; noticedMs: number; waitingMs: number; syncingMs: number }> = [];
  for (const edit of edits.filter((e) => e.doneAt !== undefined)) {
    const rows = (await db().execute(sql`
      select event->>'id' as "externalId", extract(epoch from created_at) * 1000 as created, extract(epoch from started_at) * 1000 as started,
             extract(epoch from finished_at) * 1000 as finished
      from runtime.runs
      where workflow_id = 'sync-record' and event->'data'->>'recordId' = ${edit.id} and event->'data'->>'side' = ${edit.side}
        and event->'data'->>'object' = ${edit.object} and created_at >= ${new Date(edit.wallAt - 50).toISOString()}::timestamptz
        and started_at is not null and finished_at is not null
      order by created_at limit 1`)) as unknown as Array<{ externalId: string | null; created: number; started: number; finished: number }>;
    const run = rows[0];
    if (!run) continue;
    const via = String(run.externalId ?? "").startsWith("poll:") ? "CDC poll" : String(run.externalId ?? "").startsWith("reconcile:") ? "reconciliation" : "webhook";
    out.push({ edit, via, noticedMs: Number(run.created) - edit.wallAt, waitingMs: Number(run.started) - Number(run.created), syncingMs: Number(run.finished) - Number(run.started) });
  }
  return out;
}
