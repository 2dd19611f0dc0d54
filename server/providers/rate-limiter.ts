export interface RateLimit {
  /** Requests allowed in any window of `intervalMs`. */
  limit: number;
  intervalMs: number;
  /** Requests in flight at once; unlimited when absent. */
  concurrency?: number;
}

/**
 * Keeps a connection under a provider's rolling-window limit (at most `limit` request starts in
 * any `intervalMs`) and concurrency cap, so it never runs into 429s of its own making. A token
 * bucket would allow a full burst plus the refill within one window, which rolling limits refuse.
 * Waiters are served in arrival order.
 */
export class RateLimiter {
  /** Start times of the most recent requests, oldest first (at most `limit`). */
  private readonly starts: number[] = [];
  private inFlight = 0;
  private readonly waiters: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rate: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

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

  private drain(): void {
    const now = this.now();
    while (this.starts.length > 0 && now - this.starts[0]! >= this.rate.intervalMs) this.starts.shift();
    while (this.waiters.length > 0 && this.starts.length < this.rate.limit && this.inFlight < (this.rate.concurrency ?? Infinity)) {
      this.starts.push(now);
      this.inFlight++;
      this.waiters.shift()?.();
    }
    if (this.waiters.length > 0 && this.starts.length >= this.rate.limit && !this.timer) {
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.drain();
        },
        this.starts[0]! + this.rate.intervalMs - now,
      );
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
