/**
 * `npm run bench`: measures Tandem against the sandboxes on this machine (not part of `npm test`),
 * running it as `npm start` does: the embedded runtime with its production settings, the
 * reconciliation cron, the QuickBooks CDC poll, and both sandboxes with their real limits and
 * production-like webhook delivery. Sections (bench/sections/*):
 *  1. initial syncs of contacts, products and invoices both ways at each size, against the ceiling;
 *  2. change → synced latency under a steady stream of edits on both sides, and with webhooks dropped;
 *  3. provider calls per synced change, per object and direction;
 *  4. the record view's queries at 100,000 records;
 *  5. peak resident memory.
 * Writes bench/results.json and README.md's Performance section (bench/render.ts).
 */
import { execSync } from "node:child_process";
import { cpus } from "node:os";

process.env.AUTH_SECRET ??= "bench-auth-secret-bench-auth-secret-0123456789";
process.env.TOKEN_ENCRYPTION_KEY ??= Buffer.alloc(32, 9).toString("base64");
// The providers' real limits and clocks while anything is measured.
process.env.SANDBOX_TIME_SCALE = "1";

const ALL_SECTIONS = ["initial", "latency", "calls", "dropped", "queries"] as const;
type Section = (typeof ALL_SECTIONS)[number];

function selectedSections(): Section[] {
  const raw = process.env.BENCH_SECTIONS;
  if (!raw) return [...ALL_SECTIONS];
  const chosen = raw.split(",").map((s) => s.trim());
  const unknown = chosen.filter((s) => !ALL_SECTIONS.includes(s as Section));
  if (unknown.length) throw new Error(`BENCH_SECTIONS: unknown ${unknown.join(", ")} (choose from ${ALL_SECTIONS.join(", ")})`);
  return chosen as Section[];
}

function commit(): string {
  try {
    const hash = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
    const dirty = execSync("git status --porcelain -- server inngest bench/sections bench/lib", { encoding: "utf8" }).trim();
    return dirty ? `${hash}+changes` : hash;
  } catch {
    return "unknown";
  }
}

const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main() {
  const { loadResults, mergeResults, saveResults } = await import("./results");
  const { writePerformanceSection } = await import("./render");
  if (process.env.BENCH_RENDER_ONLY) {
    const results = loadResults();
    if (!results) throw new Error("bench/results.json has no sections to render");
    writePerformanceSection(results);
    return;
  }
  const sections = selectedSections();
  const { withWorld } = await import("./lib/world");
  const { memorySampler } = await import("./lib/stats");
  const stamp = () => ({ measuredAt: new Date().toISOString(), commit: commit() });
  const results: import("./results").BenchResults = { ...stamp(), machine: { cpus: cpus().length, node: process.version }, sections: {} };
  const memory = memorySampler();

  const saveSoFar = () => saveResults(mergeResults(loadResults(), results));

  // The initial syncs run last: paced by QuickBooks' limit they take well over an hour, and every
  // section before them is saved as it ends, so a run stopped early keeps the short ones.
  await withWorld(async (world) => {
    if (sections.some((s) => s === "latency" || s === "calls" || s === "dropped")) {
      const { changeOrg } = await import("./sections/change-org");
      const org = await changeOrg(world);
      log("change org ready");
      if (sections.includes("latency")) {
        const { latencySection } = await import("./sections/latency");
        const started = stamp();
        results.sections.latency = { ...(await latencySection(world, org, log)), ...started };
        saveSoFar();
      }
      if (sections.includes("calls")) {
        const { callsPerChangeSection } = await import("./sections/calls-per-change");
        const started = stamp();
        results.sections.callsPerChange = { runs: await callsPerChangeSection(world, org, log), ...started };
        saveSoFar();
      }
      if (sections.includes("dropped")) {
        const { droppedWebhooksSection } = await import("./sections/latency");
        const started = stamp();
        results.sections.droppedWebhooks = { ...(await droppedWebhooksSection(world, org, log)), ...started };
        saveSoFar();
      }
    }
    if (sections.includes("queries")) {
      const { queriesSection } = await import("./sections/queries");
      const started = stamp();
      results.sections.queries = { ...(await queriesSection(log)), ...started };
      saveSoFar();
    }
    if (sections.includes("initial")) {
      const { initialSyncSection } = await import("./sections/initial-sync");
      const started = stamp();
      const save = (initial: import("./sections/initial-sync").InitialSyncResults) => {
        results.sections.initialSync = { ...initial, ...started };
        saveSoFar();
      };
      save(await initialSyncSection(world, log, save));
    }
  });
  const { mergeMemory } = await import("./sections/memory");
  results.sections.memory = mergeMemory(undefined, { ...memory.stop(), sections, measuredAt: new Date().toISOString() });

  const merged = mergeResults(loadResults(), results);
  saveResults(merged);
  writePerformanceSection(merged);
  console.log(JSON.stringify(results, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
