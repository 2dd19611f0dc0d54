/** bench/results.json: each section with when and at which commit it was measured, so a partial run keeps the rest. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CallsPerChange } from "./sections/calls-per-change";
import type { InitialRun, InitialSyncResults } from "./sections/initial-sync";
import { sizeRatiosOf } from "./sections/initial-sync";
import type { DroppedResults, LatencyResults } from "./sections/latency";
import { mergeMemory, type MemoryResults } from "./sections/memory";
import type { QueryResults } from "./sections/queries";

export interface Stamp {
  measuredAt: string;
  commit: string;
}

export interface BenchResults {
  measuredAt: string;
  commit: string;
  machine: { cpus: number; node: string };
  sections: {
    initialSync?: InitialSyncResults & Stamp;
    latency?: LatencyResults & Stamp;
    droppedWebhooks?: DroppedResults & Stamp;
    callsPerChange?: { runs: CallsPerChange[] } & Stamp;
    queries?: QueryResults & Stamp;
    memory?: MemoryResults;
  };
}

const FILE = path.join(process.cwd(), "bench", "results.json");

export function loadResults(): BenchResults | null {
  if (!existsSync(FILE)) return null;
  const parsed = JSON.parse(readFileSync(FILE, "utf8")) as Partial<BenchResults>;
  // Results from before the sections (one flat object) are not comparable: start over.
  return parsed.sections ? (parsed as BenchResults) : null;
}

/** This run's sections over the previous ones; initial-sync runs replace those of the same object, direction and size. */
export function mergeResults(previous: BenchResults | null, next: BenchResults): BenchResults {
  if (!previous) return next;
  const sections = { ...previous.sections, ...next.sections };
  const memoryRun = next.sections.memory?.runs.at(-1);
  if (memoryRun) sections.memory = mergeMemory(previous.sections.memory, memoryRun);
  const before = previous.sections.initialSync;
  const now = next.sections.initialSync;
  if (before && now) {
    const key = (r: InitialRun) => `${r.object}:${r.direction}:${r.records}`;
    const replaced = new Set(now.runs.map(key));
    const runs = [...before.runs.filter((r) => !replaced.has(key(r))), ...now.runs];
    const order = (r: InitialRun) => ["contacts", "products", "invoices"].indexOf(r.object) * 1e9 + (r.direction === "to_hubspot" ? 0 : 1e8) + r.records;
    runs.sort((a, b) => order(a) - order(b));
    sections.initialSync = { ...now, runs, sizeRatios: sizeRatiosOf(runs) };
  }
  return { ...next, sections };
}

export function saveResults(results: BenchResults): void {
  writeFileSync(FILE, `${JSON.stringify(results, null, 2)}\n`);
}
