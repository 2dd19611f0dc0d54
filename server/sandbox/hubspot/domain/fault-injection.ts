/**
 * Fault injection per account, set through the admin API so the product's resilience can be
 * exercised: failures and latency on API calls, and lost, duplicated or delayed webhooks.
 */
export interface AccountFaults {
  /** Probability (0–1) that an API call fails with 500 or 503. */
  serverErrorRate?: number;
  /** Probability (0–1) that an API call gets a 429. */
  rateLimitRate?: number;
  /** Deterministic: the next N API calls get a 429, then calls succeed again. */
  rateLimitNext?: number;
  /** Added to every API call. */
  latencyMs?: number;
  /** Probability that a webhook batch is never sent. */
  webhookDropRate?: number;
  /** Probability that a webhook batch is sent twice. */
  webhookDuplicateRate?: number;
  /** Up to this many ms (random per event) before an event is batched, which also reorders events. */
  webhookMaxDelayMs?: number;
}

const RATE_KEYS = ["serverErrorRate", "rateLimitRate", "webhookDropRate", "webhookDuplicateRate"] as const;
const COUNT_KEYS = ["rateLimitNext", "latencyMs", "webhookMaxDelayMs"] as const;

/** Validates an admin request body; returns the faults or the problems found. */
export function parseFaults(body: unknown): { faults: AccountFaults } | { problems: string[] } {
  if (!body || typeof body !== "object" || Array.isArray(body)) return { problems: ["body must be a JSON object"] };
  const raw = body as Record<string, unknown>;
  const problems: string[] = [];
  const faults: AccountFaults = {};
  for (const key of Object.keys(raw)) {
    if (![...RATE_KEYS, ...COUNT_KEYS].includes(key as (typeof RATE_KEYS)[number])) problems.push(`unknown fault ${key}`);
  }
  for (const key of RATE_KEYS) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || value < 0 || value > 1) problems.push(`${key} must be a number between 0 and 1`);
    else faults[key] = value;
  }
  for (const key of COUNT_KEYS) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) problems.push(`${key} must be a non-negative integer`);
    else faults[key] = value;
  }
  return problems.length ? { problems } : { faults };
}
