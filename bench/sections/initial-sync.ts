/**
 * Initial syncs (backfills) of contacts, products and invoices in each direction at each size:
 * records/s counting only records that ended synced, against the ceiling the providers' limits
 * allow; provider calls per synced record; the ratio between the largest and smallest size.
 * Each run is a fresh org whose records exist on one side only; the sync is switched on two-way
 * (the default) as a user would, and timed from that click to the last record synced.
 */
import { performance } from "node:perf_hooks";
import type { SyncObject } from "../../server/db/schema";
import { ceilingFor, type Direction } from "../lib/ceilings";
import * as hubspot from "../../server/testing/hubspot-seed";
import * as quickbooks from "../lib/seed-quickbooks";
import { round, spread } from "../lib/stats";
import { initialSyncFinished, linkCounts, orgQuiet, pageTimings, setSync } from "../lib/sync";
import type { Org, World } from "../lib/world";

export const LINES_PER_INVOICE = 2;
/** Invoices need their customers and items synced first: this many of each, shared by the invoices. */
const INVOICE_CUSTOMERS = 50;
const INVOICE_ITEMS = 10;

export const TARGET_RATIO_TO_CEILING = 0.5;
export const TARGET_SIZE_RATIO = 0.9;
export const TARGET_CALLS_PER_INVOICE = 1.5;

export type InitialObject = Extract<SyncObject, "contacts" | "products" | "invoices">;

export interface InitialRun {
  object: InitialObject;
  direction: Direction;
  records: number;
  synced: number;
  failed: number;
  excluded: number;
  pending: number;
  errors: Record<string, number>;
  seconds: number;
  recordsPerSecond: number;
  ceilingRecordsPerSecond: number;
  ceilingFormula: string;
  ratioToCeiling: number;
  calls: { hubspot: number; quickbooks: number; quickbooksCdc: number };
  callsPerSynced: number;
  /** Calls per kind of request, most first: where the calls go. */
  callsByKind: Record<string, number>;
  secondsInSandboxes: { hubspot: number; quickbooks: number };
  pageSeconds: ReturnType<typeof spread> & { pages: number };
}

const sizesFrom = (raw: string) =>
  raw
    .split(",")
    .map((n) => Number(n.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);

export function plannedRuns(env: Record<string, string | undefined> = process.env): Array<{ object: InitialObject; direction: Direction; size: number }> {
  const defaults: Record<InitialObject, string> = { contacts: "1000,10000", products: "1000,10000", invoices: "1000,10000" };
  // BENCH_SIZES_CONTACTS_TO_QUICKBOOKS, else BENCH_SIZES_CONTACTS, else BENCH_SIZES (contacts and products), else the default.
  const sizes = (object: InitialObject, direction: Direction) =>
    sizesFrom(
      env[`BENCH_SIZES_${object.toUpperCase()}_${direction.toUpperCase()}`] ??
        env[`BENCH_SIZES_${object.toUpperCase()}`] ??
        (object === "invoices" ? undefined : env.BENCH_SIZES) ??
        defaults[object],
    );
  const directions = (env.BENCH_DIRECTIONS ?? "to_hubspot,to_quickbooks").split(",") as Direction[];
  const objects = (env.BENCH_OBJECTS ?? "contacts,products,invoices").split(",") as InitialObject[];
  return objects.flatMap((object) => directions.flatMap((direction) => sizes(object, direction).map((size) => ({ object, direction, size }))));
}

/** Puts `size` records of the object on the sending side (and what invoices need, synced), returns nothing measured. */
async function prepare(world: World, org: Org, object: InitialObject, direction: Direction, size: number, timeoutMs: number): Promise<void> {
  const { stack } = world;
  const prefix = `B${org.orgId.slice(0, 6)}`;
  if (object === "contacts") {
    if (direction === "to_hubspot") await quickbooks.seedCustomers(stack, org, size, prefix);
    else await hubspot.seedContacts(stack, org, size, prefix);
    return;
  }
  if (object === "products") {
    if (direction === "to_hubspot") await quickbooks.seedItems(stack, org, size, prefix);
    else await hubspot.seedProducts(stack, org, size, prefix);
    return;
  }
  // Invoices: their customers and items exist and are synced (not timed), then the invoices are added.
  const since = new Date();
  if (direction === "to_hubspot") {
    const customers = await quickbooks.seedCustomers(stack, org, INVOICE_CUSTOMERS, prefix);
    const items = await quickbooks.seedItems(stack, org, INVOICE_ITEMS, prefix);
    await syncFirst(org, since, timeoutMs);
    await quickbooks.seedInvoices(stack, org, size, customers, items, LINES_PER_INVOICE);
  } else {
    const contacts = await hubspot.seedContacts(stack, org, INVOICE_CUSTOMERS, prefix);
    const products = await hubspot.seedProducts(stack, org, INVOICE_ITEMS, prefix);
    await syncFirst(org, since, timeoutMs);
    // HubSpot invoices go to QuickBooks only when finalized after the invoice sync started: it was
    // switched on once (nothing to sync) and paused; these were finalized meanwhile.
    const first = new Date();
    await setSync(org, "invoices", true);
    await initialSyncFinished(org, "invoices", first, timeoutMs);
    await setSync(org, "invoices", false);
    await orgQuiet(org, timeoutMs);
    await hubspot.seedInvoices(stack, org, size, contacts, products, LINES_PER_INVOICE);
  }
}

async function syncFirst(org: Org, since: Date, timeoutMs: number) {
  await setSync(org, "contacts", true);
  await setSync(org, "products", true);
  await initialSyncFinished(org, "contacts", since, timeoutMs);
  await initialSyncFinished(org, "products", since, timeoutMs);
  await orgQuiet(org, timeoutMs);
}

export async function measureInitialSync(world: World, object: InitialObject, direction: Direction, size: number, timeoutMs: number): Promise<InitialRun> {
  const { connectNewOrg } = await import("../../server/testing/stack");
  const { stack } = world;
  const org = await connectNewOrg(stack);
  await prepare(world, org, object, direction, size, timeoutMs);

  const calls = world.tallyCalls();
  const inHubSpot = stack.requestMs.get("/sandbox/hubspot/api") ?? 0;
  const inQuickBooks = stack.requestMs.get("/sandbox/quickbooks/v3") ?? 0;
  const since = new Date();
  const switchedOn = Date.now();
  const started = performance.now();
  await setSync(org, object, true);
  await initialSyncFinished(org, object, since, timeoutMs);
  // Records the initial sync left for a retry are synced after it: they count once synced.
  await orgQuiet(org, timeoutMs);
  const waited = (performance.now() - started) / 1000;
  const counted = calls.stop();
  const counts = await linkCounts(org, object);
  const seconds = Math.max(0.001, counts.lastSyncedAt ? (counts.lastSyncedAt.getTime() - switchedOn) / 1000 : waited);
  const ceiling = ceilingFor(object, direction, LINES_PER_INVOICE);
  const recordsPerSecond = counts.synced / seconds;
  const pages = await pageTimings(org, object, since);
  return {
    object,
    direction,
    records: size,
    synced: counts.synced,
    failed: counts.failed,
    excluded: counts.excluded,
    pending: counts.pending,
    errors: counts.errors,
    seconds: round(seconds),
    recordsPerSecond: round(recordsPerSecond, 1),
    ceilingRecordsPerSecond: ceiling.recordsPerSecond,
    ceilingFormula: ceiling.formula,
    ratioToCeiling: round(recordsPerSecond / ceiling.recordsPerSecond, 3),
    calls: { hubspot: counted.hubspot, quickbooks: counted.quickbooks, quickbooksCdc: counted.quickbooksCdc },
    callsPerSynced: counts.synced ? round((counted.hubspot + counted.quickbooks) / counts.synced, 3) : 0,
    callsByKind: calls.byKind(),
    secondsInSandboxes: {
      hubspot: round(((stack.requestMs.get("/sandbox/hubspot/api") ?? 0) - inHubSpot) / 1000),
      quickbooks: round(((stack.requestMs.get("/sandbox/quickbooks/v3") ?? 0) - inQuickBooks) / 1000),
    },
    pageSeconds: pages ? { pages: pages.pages, ...spread(pages.durations, 2) } : { pages: 0, samples: 0, p50: 0, p95: 0, max: 0 },
  };
}

export interface InitialSyncResults {
  runs: InitialRun[];
  /** Records/s at the largest size ÷ at the smallest, per object and direction (linear growth = ~1.0). */
  sizeRatios: Array<{ object: InitialObject; direction: Direction; sizes: string; ratio: number }>;
}

/** `onRun` gets the runs so far after each one (the bench saves them: a long run cut short keeps what it measured). */
export async function initialSyncSection(world: World, log: (line: string) => void, onRun: (results: InitialSyncResults) => void = () => {}): Promise<InitialSyncResults> {
  const timeoutMs = Number(process.env.BENCH_SYNC_TIMEOUT_MS ?? 30 * 60_000);
  const runs: InitialRun[] = [];
  for (const { object, direction, size } of plannedRuns()) {
    const run = await measureInitialSync(world, object, direction, size, timeoutMs);
    log(`initial sync ${object} ${direction} ${size}: ${run.synced} synced in ${run.seconds} s = ${run.recordsPerSecond}/s (${run.ratioToCeiling} of ${run.ceilingRecordsPerSecond}/s), ${run.callsPerSynced} calls per record`);
    runs.push(run);
    onRun({ runs, sizeRatios: sizeRatiosOf(runs) });
  }
  return { runs, sizeRatios: sizeRatiosOf(runs) };
}

export function sizeRatiosOf(runs: InitialRun[]): InitialSyncResults["sizeRatios"] {
  const groups = new Map<string, InitialRun[]>();
  for (const run of runs) groups.set(`${run.object}:${run.direction}`, [...(groups.get(`${run.object}:${run.direction}`) ?? []), run]);
  return [...groups.values()]
    .filter((group) => group.length > 1)
    .map((group) => {
      const small = group.reduce((a, b) => (b.records < a.records ? b : a));
      const large = group.reduce((a, b) => (b.records > a.records ? b : a));
      return { object: small.object, direction: small.direction, sizes: `${large.records} ÷ ${small.records}`, ratio: round(large.recordsPerSecond / small.recordsPerSecond, 2) };
    });
}
