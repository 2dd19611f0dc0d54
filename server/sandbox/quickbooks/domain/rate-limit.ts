/**
 * QBO's throttles per company and app: 500 requests per minute (batch items count), 120 batch
 * requests per minute, 10 requests in flight. Windows are divided by the time scale so tests can
 * reach the limits quickly. Kept in process memory: the sandbox runs as one process.
 */
export const REQUESTS_PER_MINUTE = 500;
export const BATCHES_PER_MINUTE = 120;
export const MAX_CONCURRENT = 10;

interface Bucket {
  requests: number[];
  batches: number[];
  inFlight: number;
}

export type Admission = { admitted: true; release: () => void } | { admitted: false };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: () => number = Date.now) {}

  private bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { requests: [], batches: [], inFlight: 0 };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Admits a request of `calls` API calls (a batch's item count) or refuses it, recording nothing when refused. */
  admit(key: string, options: { timeScale: number; calls?: number; batch?: boolean }): Admission {
    const at = this.clock();
    const windowMs = 60_000 / options.timeScale;
    const bucket = this.bucket(key);
    bucket.requests = bucket.requests.filter((t) => t > at - windowMs);
    bucket.batches = bucket.batches.filter((t) => t > at - windowMs);
    const calls = Math.max(1, options.calls ?? 1);
    if (bucket.inFlight >= MAX_CONCURRENT) return { admitted: false };
    if (bucket.requests.length + calls > REQUESTS_PER_MINUTE) return { admitted: false };
    if (options.batch && bucket.batches.length + 1 > BATCHES_PER_MINUTE) return { admitted: false };
    for (let i = 0; i < calls; i++) bucket.requests.push(at);
    if (options.batch) bucket.batches.push(at);
    bucket.inFlight++;
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        bucket.inFlight--;
      },
    };
  }

  reset(): void {
    this.buckets.clear();
  }
}

const globalForLimits = globalThis as unknown as { sandboxQuickbooksLimiter?: RateLimiter };

export function rateLimiter(): RateLimiter {
  globalForLimits.sandboxQuickbooksLimiter ??= new RateLimiter();
  return globalForLimits.sandboxQuickbooksLimiter;
}
