/** HubSpot's limits for OAuth apps: 110 requests per rolling 10 s per account; search 5 per second. */
export const RATE_LIMITS = {
  general: { max: 110, intervalMs: 10_000 },
  search: { max: 5, intervalMs: 1_000 },
  daily: 500_000,
} as const;

export interface WindowDecision {
  allowed: boolean;
  max: number;
  remaining: number;
  intervalMs: number;
}

/**
 * A rolling-window counter per key. The window is divided by the time scale so tests and demos can
 * run "faster than real time"; the clock is injected so the behaviour is testable without waiting.
 */
export class RollingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Forgets every window (the admin API's limit reset). */
  reset(): void {
    this.hits.clear();
  }

  take(key: string, max: number, intervalMs: number): WindowDecision {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < intervalMs);
    if (recent.length >= max) {
      this.hits.set(key, recent);
      return { allowed: false, max, remaining: 0, intervalMs };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true, max, remaining: max - recent.length, intervalMs };
  }
}

/** Calls per key per UTC day, for the `X-HubSpot-RateLimit-Daily-Remaining` header. */
export class DailyCounter {
  private readonly counts = new Map<string, { day: string; count: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  increment(key: string): number {
    const day = new Date(this.now()).toISOString().slice(0, 10);
    const current = this.counts.get(key);
    const count = current?.day === day ? current.count + 1 : 1;
    this.counts.set(key, { day, count });
    return count;
  }
}
