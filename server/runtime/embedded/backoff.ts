export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number;
  /** Upper bound for any delay. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 10 * 60_000 };

/**
 * Exponential backoff with jitter: the n-th retry (1-based) waits between 75% and 100% of
 * base·2^(n-1), capped. The jitter spreads retries of runs that failed together (an outage)
 * without ever letting a later retry come sooner than an earlier one's minimum.
 */
export function retryDelayMs(retry: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponential = Math.min(options.baseMs * 2 ** Math.max(0, retry - 1), options.maxMs);
  return Math.round(exponential * (0.75 + 0.25 * random()));
}

export function minimumRetryDelayMs(retry: number, options: BackoffOptions): number {
  return retryDelayMs(retry, options, () => 0);
}
