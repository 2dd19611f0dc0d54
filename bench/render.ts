/** README.md's Performance section, rendered from bench/results.json (and bench/analysis.md, written by hand). */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BenchResults } from "./results";
import { TARGET_CALLS_PER_INVOICE, TARGET_RATIO_TO_CEILING, TARGET_SIZE_RATIO, type InitialRun } from "./sections/initial-sync";
import { TARGET_P95_MS, type StreamResult } from "./sections/latency";
import { TARGET_QUERY_P95_MS } from "./sections/queries";
import { TARGET_PEAK_RSS_MB } from "./sections/memory";

const mark = (ok: boolean | null | undefined) => (ok === null || ok === undefined ? "–" : ok ? "✅" : "❌");
const dir = (d: string) => (d === "to_hubspot" ? "QuickBooks → HubSpot" : "HubSpot → QuickBooks");
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const n = (x: number) => x.toLocaleString("en-US");
const every = (stream: StreamResult) =>
  stream.jittered ? `${stream.editEveryMs} ms on average, each wait 0.5–1.5 × that so QuickBooks edits don't fall in step with the CDC poll` : `${stream.editEveryMs} ms`;

function initialTable(runs: InitialRun[]): string[] {
  return [
    "| Object | Direction | Records | Synced | Failed | Seconds | Records/s | Ceiling/s | Ratio (target ≥ 0.5) | Calls per synced record | s in HubSpot / QuickBooks sandbox | Page step p50 / max (s) |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...runs.map((r) => {
      const callsMark = r.object === "invoices" ? ` ${mark(r.callsPerSynced <= TARGET_CALLS_PER_INVOICE)}` : "";
      return `| ${r.object} | ${dir(r.direction)} | ${n(r.records)} | ${n(r.synced)} | ${r.failed} | ${r.seconds} | ${r.recordsPerSecond} | ${r.ceilingRecordsPerSecond} | ${r.ratioToCeiling} ${mark(r.ratioToCeiling >= TARGET_RATIO_TO_CEILING)} | ${r.callsPerSynced}${callsMark} | ${r.secondsInSandboxes.hubspot} / ${r.secondsInSandboxes.quickbooks} | ${r.pageSeconds.p50} / ${r.pageSeconds.max} |`;
    }),
  ];
}

/** Where the time went, per side edited: until Tandem noticed, waiting (debounce, queue), syncing. */
function stageLines(stream: StreamResult): string[] {
  const fmt = (x: { p50: number; p95: number } | null) => (x ? `${s(x.p50)} / ${s(x.p95)}` : "–");
  return [
    "Where the time goes (p50 / p95), from the runtime's records of each change's first sync run:",
    "",
    "| Changes made in | Noticed via | Until noticed | Waiting (1 s debounce, queue) | Syncing |",
    "|---|---|---:|---:|---:|",
    ...(["hubspot", "quickbooks"] as const).map((side) => {
      const st = stream.stages?.[side];
      if (!st) return `| ${side} | – | – | – | – |`;
      const via = Object.entries(st.via).map(([k, v]) => `${k} ${v}`).join(", ");
      return `| ${side === "hubspot" ? "HubSpot" : "QuickBooks"} | ${via || "–"} | ${fmt(st.noticed)} | ${fmt(st.waiting)} | ${fmt(st.syncing)} |`;
    }),
  ];
}

export function renderPerformance(results: BenchResults): string {
  const out: string[] = ["## Performance", ""];
  out.push(
    `Measured by \`npm run bench\` (last run ${results.measuredAt.slice(0, 16).replace("T", " ")} UTC, commit ${results.commit}) on ${results.machine.cpus} cores shared with other work (bench/analysis.md says what ran alongside): expect noise of tens of percent between runs. Each section below says when it was measured.`,
    "Tandem runs as `npm start` runs it (embedded runtime with its production settings: 1 s polling fallback, default backoff, 4 runs at once; the reconciliation cron; the QuickBooks CDC poll every `QUICKBOOKS_POLL_SECONDS`) against both sandboxes with their real rate limits (`SANDBOX_TIME_SCALE=1`). Records are seeded through the sandboxes' own stores with webhooks to Tandem dropped meanwhile (as if they were there before Tandem connected): no seeding is timed or counted. Only records that ended `synced` count.",
    "",
  );

  const initial = results.sections.initialSync;
  if (initial) {
    out.push(`### Initial syncs (${initial.measuredAt.slice(0, 16).replace("T", " ")} UTC, ${initial.commit})`, "");
    out.push("Each run is a fresh org with the records on one side; the object's sync is switched on (two-way, the default) and timed from that click to the last record synced. Invoices carry 2 lines each; their 50 customers and 10 items are synced before (not timed).", "");
    out.push(...initialTable(initial.runs), "");
    out.push("Ceilings (what the providers' limits allow):", "");
    const formulas = new Map(initial.runs.map((r) => [`${r.object} ${dir(r.direction)}`, r.ceilingFormula]));
    for (const [key, formula] of formulas) out.push(`- ${key}: ${formula}`);
    out.push("");
    if (initial.sizeRatios.length) {
      out.push("Records/s at the largest size ÷ at the smallest (linear growth = 1.0, target ≥ 0.9):", "");
      for (const r of initial.sizeRatios) out.push(`- ${r.object} ${dir(r.direction)}, ${r.sizes}: **${r.ratio}** ${mark(r.ratio >= TARGET_SIZE_RATIO)}`);
      out.push("");
    }
    const invoices = initial.runs.filter((r) => r.object === "invoices");
    if (invoices.length) {
      out.push(`Provider calls per synced invoice (target ≤ ${TARGET_CALLS_PER_INVOICE}): ${invoices.map((r) => `${dir(r.direction)} at ${n(r.records)}: **${r.callsPerSynced}** ${mark(r.callsPerSynced <= TARGET_CALLS_PER_INVOICE)} (${r.calls.hubspot} HubSpot + ${r.calls.quickbooks} QuickBooks calls, ${r.calls.quickbooksCdc} CDC polls apart)`).join("; ")}.`, "");
    }
  }

  const latency = results.sections.latency;
  if (latency) {
    const d = latency.delivery;
    out.push(`### Change → synced latency (${latency.measuredAt.slice(0, 16).replace("T", " ")} UTC, ${latency.commit})`, "");
    out.push(
      `A steady stream of users' edits for ${latency.steady.seconds} s, one every ${every(latency.steady)}, alternating HubSpot and QuickBooks, over contacts (phone), products (description) and invoices (memo), on records born on both sides. Delivery as in production: the QuickBooks sandbox batches webhooks over ${s(d.quickbooksWebhookWindowMs)} per company, HubSpot delivers each event within 0–${s(d.hubspotMaxDelayMs)} (batched up to 100), Tandem polls QuickBooks CDC every ${d.quickbooksPollSeconds} s and reconciles every ${d.reconcileIntervalMinutes} min. Latency runs from the edit to Tandem's link showing the value written on the other side (checked every 200 ms; each value then read back from the other side).`,
      "",
      "| Changes made in | Edits | p50 | p95 | max | Target | |",
      "|---|---:|---:|---:|---:|---|---|",
      `| HubSpot | ${latency.steady.hubspotOriginated.samples} | ${s(latency.steady.hubspotOriginated.p50)} | ${s(latency.steady.hubspotOriginated.p95)} | ${s(latency.steady.hubspotOriginated.max)} | p95 < ${s(TARGET_P95_MS.hubspot)} | ${mark(latency.met.hubspot)} |`,
      `| QuickBooks | ${latency.steady.quickbooksOriginated.samples} | ${s(latency.steady.quickbooksOriginated.p50)} | ${s(latency.steady.quickbooksOriginated.p95)} | ${s(latency.steady.quickbooksOriginated.max)} | p95 < ${s(TARGET_P95_MS.quickbooks)} | ${mark(latency.met.quickbooks)} |`,
      "",
      ...stageLines(latency.steady),
      "",
      `Edits not synced by the end: ${latency.steady.notSynced}. Per object (p50 / p95): ${Object.entries(latency.steady.byObject)
        .map(([object, v]) => `${object} from HubSpot ${v.hubspot ? `${s(v.hubspot.p50)} / ${s(v.hubspot.p95)}` : "–"}, from QuickBooks ${v.quickbooks ? `${s(v.quickbooks.p50)} / ${s(v.quickbooks.p95)}` : "–"}`)
        .join("; ")}.`,
      "",
    );
  }

  const dropped = results.sections.droppedWebhooks;
  if (dropped) {
    const st = dropped.stream;
    out.push(`### With every webhook dropped (${dropped.measuredAt.slice(0, 16).replace("T", " ")} UTC, ${dropped.commit})`, "");
    out.push(
      `Same stream (${st.seconds} s, one edit every ${every(st)}) with both sandboxes dropping every webhook to the org: QuickBooks changes arrive by the CDC poll, HubSpot changes by reconciliation${dropped.reconcileIntervalMinutes !== 5 ? ` — **reconciliation interval shortened to ${dropped.reconcileIntervalMinutes} min for this run** (RECONCILE_INTERVAL_MINUTES; production: 5 min)` : " (every 5 min, as in production)"}. Target: every change within the interval + 5 s = ${s(dropped.targetMs)}.`,
      "",
      "| Changes made in | Edits | p50 | p95 | max | |",
      "|---|---:|---:|---:|---:|---|",
      `| HubSpot | ${st.hubspotOriginated.samples} | ${s(st.hubspotOriginated.p50)} | ${s(st.hubspotOriginated.p95)} | ${s(st.hubspotOriginated.max)} | ${mark(st.notSynced === 0 && st.hubspotOriginated.max <= dropped.targetMs)} |`,
      `| QuickBooks | ${st.quickbooksOriginated.samples} | ${s(st.quickbooksOriginated.p50)} | ${s(st.quickbooksOriginated.p95)} | ${s(st.quickbooksOriginated.max)} | ${mark(st.notSynced === 0 && st.quickbooksOriginated.max <= dropped.targetMs)} |`,
      "",
      ...stageLines(st),
      "",
      `Edits not synced by the end: ${st.notSynced}.`,
      "",
    );
  }

  const calls = results.sections.callsPerChange;
  if (calls) {
    out.push(`### Provider calls per synced change (${calls.measuredAt.slice(0, 16).replace("T", " ")} UTC, ${calls.commit})`, "");
    out.push(
      "Per object and the side the change was made on: a batch of edits of one kind, counted from the first edit until Tandem has worked off everything they caused, the webhooks of its own writes included (QuickBooks sends them a window later). The bench's edits cost no API call; Tandem's CDC poll (one QuickBooks call every poll interval, changes or not) is shown apart, and a reconciliation pass landing inside is counted in and shown.",
      "",
      "| Object | Change made in | Changes synced | HubSpot calls | QuickBooks calls | Calls per change | CDC polls meanwhile | Reconciliation passes meanwhile |",
      "|---|---|---:|---:|---:|---:|---:|---:|",
      ...calls.runs.map((c) => `| ${c.object} | ${c.origin === "hubspot" ? "HubSpot" : "QuickBooks"} | ${c.synced} / ${c.changes} | ${c.calls.hubspot} | ${c.calls.quickbooks} | **${c.callsPerChange}** | ${c.calls.quickbooksCdc} | ${c.reconcilePasses} |`),
      "",
    );
  }

  const queries = results.sections.queries;
  if (queries) {
    const row = (name: string, q: { p50: number; p95: number }) => `| ${name} | ${q.p50} | ${q.p95} | ${mark(q.p95 < TARGET_QUERY_P95_MS)} |`;
    out.push(`### Record view at ${n(queries.links)} records (${queries.measuredAt.slice(0, 16).replace("T", " ")} UTC, ${queries.commit})`, "");
    out.push(
      `Through the tRPC procedures the UI calls (\`sync.records\`, \`sync.record\` → server/sync/status/records.ts, detail.ts), ${queries.pageSize} per page, ${queries.repeats} calls each after a warm-up; a neighbour org holds another ${n(Math.round(queries.links / 5))} records. Target p95 < ${TARGET_QUERY_P95_MS} ms.`,
      "",
      "| Query | p50 (ms) | p95 (ms) | |",
      "|---|---:|---:|---|",
      row("First page, newest change first", queries.firstPage),
      row("Page 50 (keyset cursor)", queries.page50),
      row(`Text search “${queries.searchSelective.text}” (${queries.searchSelective.matches} match)`, queries.searchSelective),
      row(`Text search “${queries.searchCommon.text}” (matches most records)`, queries.searchCommon),
      row("One record with 50 activity rows", queries.recordWith50Activities),
      "",
    );
  }

  const memory = results.sections.memory;
  if (memory?.runs) {
    out.push(
      `### Memory`,
      "",
      `Peak resident memory of the process running the app: **${memory.peakRssMb} MB** (target < ${TARGET_PEAK_RSS_MB} MB) ${mark(memory.peakRssMb < TARGET_PEAK_RSS_MB)} (${memory.runs.map((r) => `${r.peakRssMb} MB over ${r.sections.join(", ")}, ${r.measuredAt.slice(0, 16).replace("T", " ")} UTC`).join("; ")}), sampled every 100 ms. That process runs Tandem (runtime, workflows, webhook endpoints) and both sandboxes with their HTTP server, so the app alone uses less; embedded PostgreSQL is a process of its own, not counted.`,
      "",
    );
  }

  const missing = (
    [
      ["initial syncs", results.sections.initialSync],
      ["change → synced latency", results.sections.latency],
      ["latency with webhooks dropped", results.sections.droppedWebhooks],
      ["calls per change", results.sections.callsPerChange],
      ["record view queries", results.sections.queries],
    ] as const
  )
    .filter(([, section]) => !section)
    .map(([name]) => name);
  if (missing.length) out.push(`**Not measured in the last runs (no figure, so no ✅ or ❌): ${missing.join(", ")}.** \`npm run bench\` measures them; see below for why they are missing.`, "");

  const analysis = path.join(process.cwd(), "bench", "analysis.md");
  if (existsSync(analysis)) out.push(readFileSync(analysis, "utf8").trim(), "");

  out.push(
    "### Reproduce",
    "",
    "`npm run bench` runs everything (the initial syncs last: they take over an hour, paced by QuickBooks) and writes `bench/results.json` as each section ends and this section at the end (`BENCH_RENDER_ONLY=1` re-renders it from the results). Knobs: `BENCH_SECTIONS=initial,latency,calls,dropped,queries` (a subset re-measures those and keeps the others' last figures), `BENCH_OBJECTS=contacts,products,invoices`, `BENCH_DIRECTIONS=to_hubspot,to_quickbooks`, `BENCH_SIZES=1000,10000` (contacts and products; or per object `BENCH_SIZES_CONTACTS`, and per direction `BENCH_SIZES_CONTACTS_TO_QUICKBOOKS`), `BENCH_SIZES_INVOICES=1000,10000`, `BENCH_STREAM_SECONDS=180`, `BENCH_EDIT_EVERY_MS=2000`, `BENCH_CALL_CHANGES=10`, `BENCH_LINKS=100000`; `RECONCILE_INTERVAL_MINUTES` shortens reconciliation (say so when publishing). `npx tsx bench/records-explain.ts` prints the list queries' EXPLAIN ANALYZE at 100,000 records.",
    "",
  );
  return out.join("\n");
}

export function writePerformanceSection(results: BenchResults): void {
  const readmePath = path.join(process.cwd(), "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const section = renderPerformance(results);
  const start = readme.search(/^## Performance\s*$/m);
  let next: string;
  if (start < 0) next = `${readme.trimEnd()}\n\n${section}`;
  else {
    const rest = readme.slice(start + 1);
    const end = rest.search(/^## /m);
    next = readme.slice(0, start) + section + (end < 0 ? "" : `\n${rest.slice(end)}`);
  }
  writeFileSync(readmePath, next.endsWith("\n") ? next : `${next}\n`);
}
