/**
 * The arithmetic of counting a rolling limit in fixed slots, as the shared limiter does in
 * Postgres. A request is counted in the slot its admission falls in; a new one is admitted when
 * the current slot and the `lookback` slots before it hold fewer than `limit`.
 *
 * An interval of `intervalMs` touches at most `ceil(intervalMs / slotMs) + 1` slots, so counting
 * that many keeps every interval, wherever it starts, at or under the limit, measured at the
 * moments of admission. One more slot is counted on purpose: the provider sees a request a little
 * after its admission (the answer's way back, the request's way there), and that slot keeps two
 * admissions an interval apart from arriving inside one. The price is throughput: a backlog gets
 * `limit` requests per interval plus two slots, 5 % under the provider's limit with 40 slots.
 */
export interface Slotting {
  slotMs: number;
  /** Slots counted besides the current one. */
  lookback: number;
}

/** Finer slots waste less of the limit but mean more rows to sum; 40 keeps both small. */
export const SLOTS_PER_INTERVAL = 40;

export function slotting(intervalMs: number, slotsPerInterval = SLOTS_PER_INTERVAL): Slotting {
  const slotMs = Math.max(1, Math.ceil(intervalMs / slotsPerInterval));
  return { slotMs, lookback: Math.ceil(intervalMs / slotMs) + 1 };
}

/**
 * How long a refused request waits: until the oldest slot that holds requests has left the
 * counted range, the earliest moment the count can drop. Never less than 1 ms.
 */
export function retryDelayMs(oldestCountedSlotMs: number, nowMs: number, slots: Slotting): number {
  return Math.max(1, oldestCountedSlotMs + (slots.lookback + 1) * slots.slotMs - nowMs);
}
