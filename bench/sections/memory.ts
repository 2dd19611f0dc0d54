/** Peak resident memory of the process running the app, over the sections a bench run measured. */
export const TARGET_PEAK_RSS_MB = 512;

export interface MemoryResults {
  peakRssMb: number;
  peakHeapUsedMb: number;
  sections: string[];
}
