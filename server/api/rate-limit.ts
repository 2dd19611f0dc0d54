/**
 * A fixed-window counter per key, in this process's memory. Enough for the one-process default
 * (`npm start`); several instances would each allow the limit.
 */
export class WindowCounter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts a call for `key`; returns the seconds to wait when it is over the limit, else null. */
  take(key: string, now = Date.now()): number | null {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      this.prune(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) return Math.ceil((window.startedAt + this.windowMs - now) / 1000);
    window.count++;
    return null;
  }

  /** Forgets finished windows, so keys seen once don't accumulate. */
  private prune(now: number) {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    }
  }
}
