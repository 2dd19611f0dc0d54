import type { RateLimiter } from "./rate-limiter";

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 5, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 30_000 };

const RATE_LIMIT_STATUSES = new Set([423, 429]);
const RETRYABLE_STATUSES = new Set([...RATE_LIMIT_STATUSES, 500, 502, 503, 504]);

/** Full jitter: a random wait up to the exponential ceiling, so retries from many runs spread out. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get("retry-after");
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

export interface RetryingFetchOptions {
  fetch: FetchLike;
  limiters: RateLimiter[];
  policy: RetryPolicy;
  /**
   * Retry only "slow down" answers (429, 423). For writes that aren't idempotent: after a timeout
   * or a 5xx the write may have happened, and sending it again could make a second record.
   */
  rateLimitsOnly?: boolean;
  /** How many requests this one counts as in the limiters' windows (a QuickBooks batch: its items). */
  weight?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Every limiter's place, or none: one that can't admit the request (its database is unreachable)
 * fails it, and the places the others gave it go back instead of staying taken.
 */
async function acquireAll(limiters: RateLimiter[], weight: number | undefined): Promise<Array<() => void>> {
  const settled = await Promise.allSettled(limiters.map((l) => l.acquire(weight)));
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) {
    for (const s of settled) if (s.status === "fulfilled") s.value();
    throw failed.reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<() => void>).value);
}

/**
 * Sends a request through the connection's limiters, retrying 429s, 5xx answers, timeouts and
 * network errors with backoff and jitter. The last answer is returned whatever it is, so the
 * caller maps it to an error with the provider's own words.
 */
export async function retryingFetch(url: string, init: RequestInit, options: RetryingFetchOptions): Promise<Response> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    const releases = await acquireAll(options.limiters, options.weight);
    let response: Response | undefined;
    let failure: unknown;
    try {
      response = await options.fetch(url, { ...init, signal: AbortSignal.timeout(options.policy.timeoutMs) });
    } catch (error) {
      failure = error;
    } finally {
      for (const release of releases) release();
    }
    const retryable = options.rateLimitsOnly
      ? response !== undefined && RATE_LIMIT_STATUSES.has(response.status)
      : failure !== undefined || (response !== undefined && RETRYABLE_STATUSES.has(response.status));
    if (!retryable || attempt >= options.policy.retries) {
      if (response) return response;
      throw failure;
    }
    const hinted = response ? retryAfterMs(response) : undefined;
    await response?.body?.cancel();
    await sleep(Math.max(hinted ?? 0, backoffDelay(attempt, options.policy)));
  }
}
