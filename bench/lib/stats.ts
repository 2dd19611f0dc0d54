import { performance } from "node:perf_hooks";

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));
export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export interface Spread {
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

export function spread(values: number[], digits = 1): Spread {
  return { samples: values.length, p50: round(percentile(values, 50), digits), p95: round(percentile(values, 95), digits), max: round(Math.max(...values), digits) };
}

/** Runs `fn` `times` times one after another (after one warm-up call) and returns its durations in ms. */
export async function timeRepeated(fn: () => Promise<unknown>, times: number): Promise<Spread> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return spread(samples);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Peak resident set of this process, sampled every 100 ms from start to the end of the bench. The
 * process runs the app (runtime, workflows, webhook endpoints) and both sandboxes; embedded
 * PostgreSQL is a process of its own and not counted.
 */
export function memorySampler() {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 100);
  timer.unref();
  return {
    read: () => ({ peakRssMb: mb(peakRss), peakHeapUsedMb: mb(peakHeap) }),
    stop() {
      clearInterval(timer);
      sample();
      return { peakRssMb: mb(peakRss), peakHeapUsedMb: mb(peakHeap) };
    },
  };
}
