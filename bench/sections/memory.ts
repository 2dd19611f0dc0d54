/** Peak resident memory of the process running the app, over the sections a bench run measured. */
export const TARGET_PEAK_RSS_MB = 512;

export interface MemoryRun {
  peakRssMb: number;
  peakHeapUsedMb: number;
  /** The sections the bench process ran (one process, sampled every 100 ms throughout). */
  sections: string[];
  measuredAt: string;
}

export interface MemoryResults {
  /** The highest peak of the runs below. */
  peakRssMb: number;
  runs: MemoryRun[];
}

/** A run's peak replaces the earlier one of the same sections; the overall peak is the highest. */
export function mergeMemory(before: MemoryResults | undefined, run: MemoryRun): MemoryResults {
  const key = (r: MemoryRun) => [...r.sections].sort().join(",");
  const runs = [...(before?.runs ?? []).filter((r) => key(r) !== key(run)), run];
  return { peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)), runs };
}
