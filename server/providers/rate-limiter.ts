export interface RateLimit {
  /** Requests allowed per interval. */
  limit: number;
  intervalMs: number;
  /** Requests in flight at once; unlimited when absent. */
  concurrency?: number;
}

/**
 * A token bucket (refilled continuously, `limit` per `intervalMs`) plus a concurrency cap, so a
 * connection stays under the provider's limits instead of running into 429s. Waiters are served in
 * arrival order.
 */
export class RateLimiter {
  private tokens: number;
  private refilledAt: number;
  private inFlight = 0;
  private readonly waiters: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rate: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = rate.limit;
    this.refilledAt = now();
  }

  /** Resolves when a request may start; call the returned function when it has finished. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiters.push(() => resolve(this.releaser()));
      this.drain();
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.drain();
    };
  }

  private refill(): void {
    const now = this.now();
    const perMs = this.rate.limit / this.rate.intervalMs;
    this.tokens = Math.min(this.rate.limit, this.tokens + (now - this.refilledAt) * perMs);
    this.refilledAt = now;
  }

  private drain(): void {
    this.refill();
    while (this.waiters.length > 0 && this.tokens >= 1 && this.inFlight < (this.rate.concurrency ?? Infinity)) {
      this.tokens -= 1;
      this.inFlight++;
      this.waiters.shift()?.();
    }
    if (this.waiters.length > 0 && this.tokens < 1 && !this.timer) {
      const waitMs = Math.ceil((1 - this.tokens) / (this.rate.limit / this.rate.intervalMs));
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.drain();
      }, waitMs);
      this.timer.unref?.();
    }
  }
}

const limiters = new Map<string, RateLimiter>();

/** One limiter per key (e.g. connection id + bucket name) for the life of the process. */
export function sharedLimiter(key: string, rate: RateLimit): RateLimiter {
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new RateLimiter(rate);
    limiters.set(key, limiter);
  }
  return limiter;
}
