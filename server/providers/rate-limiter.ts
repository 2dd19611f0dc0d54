export interface RateLimit {
  /** Requests allowed in any window of `intervalMs`. */
  limit: number;
  intervalMs: number;
  /** Requests in flight at once (across processes for the shared limiter); unlimited when absent. */
  concurrency?: number;
}

/** What a provider request waits on before it starts. */
export interface RateLimiter {
  /**
   * Resolves when a request may start; call the returned function when it has finished. `weight`:
   * how many requests it counts as against the window (a QuickBooks batch counts each item).
   */
  acquire(weight?: number): Promise<() => void>;
}

/** The limiter for a key (e.g. connection id + bucket name); the same key gets the same limiter. */
export type LimiterFactory = (key: string, rate: RateLimit) => RateLimiter;

/**
 * Keeps a connection under a provider's rolling-window limit (at most `limit` request starts in
 * any `intervalMs`) and concurrency cap, so it never runs into 429s of its own making. A token
 * bucket would allow a full burst plus the refill within one window, which rolling limits refuse.
 * Waiters are served in arrival order. It only knows this process's requests: see
 * shared-rate-limiter.ts for the limit shared by every process.
 */
export class InProcessRateLimiter implements RateLimiter {
  /** Start times of the most recent requests, oldest first (at most `limit`). */
  private readonly starts: number[] = [];
  private inFlight = 0;
  private readonly waiters: Array<{ weight: number; start: () => void }> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rate: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  acquire(weight = 1): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiters.push({ weight: countedWeight(weight, this.rate.limit), start: () => resolve(this.releaser()) });
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
    const fits = () => this.starts.length + this.waiters[0]!.weight <= this.rate.limit;
    while (this.waiters.length > 0 && fits() && this.inFlight < (this.rate.concurrency ?? Infinity)) {
      const waiter = this.waiters.shift()!;
      for (let i = 0; i < waiter.weight; i++) this.starts.push(now);
      this.inFlight++;
      waiter.start();
    }
    if (this.waiters.length > 0 && !fits() && !this.timer) {
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

/** A weight as the window counts it: a whole number of requests, at least 1 and at most the limit. */
export function countedWeight(weight: number, limit: number): number {
  return Math.min(limit, Math.max(1, Math.floor(weight)));
}

/** Keeps one limiter per key for the life of the process. */
export function limiterRegistry(create: (key: string, rate: RateLimit) => RateLimiter): LimiterFactory {
  const limiters = new Map<string, RateLimiter>();
  return (key, rate) => {
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = create(key, rate);
      limiters.set(key, limiter);
    }
    return limiter;
  };
}

/** In-process limiters, one per key: right only where a single process talks to the provider. */
export const inProcessLimiters: LimiterFactory = limiterRegistry((_key, rate) => new InProcessRateLimiter(rate));
