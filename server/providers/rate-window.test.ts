import { describe, expect, it } from "vitest";
import { retryDelayMs, slotting, type Slotting } from "./rate-window";

/** The most request starts inside any window of `intervalMs`, by brute force over sorted starts. */
function busiestInterval(starts: number[], intervalMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= intervalMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/**
 * The admission rule the store applies in SQL, replayed on a simulated clock: a request may start
 * when the current slot and the `lookback` before it hold fewer than `limit`; a refused one waits
 * `retryDelayMs`.
 */
function simulate(limit: number, slots: Slotting, arrivals: number[]): number[] {
  const counts = new Map<number, number>();
  const starts: number[] = [];
  for (const arrival of arrivals) {
    let now = Math.max(arrival, starts.at(-1) ?? 0);
    for (;;) {
      const current = now - (now % slots.slotMs);
      let total = 0;
      let oldest = Infinity;
      for (let slot = current - slots.lookback * slots.slotMs; slot <= current; slot += slots.slotMs) {
        const count = counts.get(slot) ?? 0;
        total += count;
        if (count > 0) oldest = Math.min(oldest, slot);
      }
      if (total < limit) {
        counts.set(current, (counts.get(current) ?? 0) + 1);
        starts.push(now);
        break;
      }
      now += retryDelayMs(oldest, now, slots);
    }
  }
  return starts;
}

describe("slotting", () => {
  it("cuts an interval into 40 slots and counts back one slot past the interval", () => {
    expect(slotting(10_000)).toEqual({ slotMs: 250, lookback: 41 });
    expect(slotting(60_000)).toEqual({ slotMs: 1_500, lookback: 41 });
    expect(slotting(1_000)).toEqual({ slotMs: 25, lookback: 41 });
    // Uneven intervals round the slot up and still cover the interval.
    expect(slotting(333)).toEqual({ slotMs: 9, lookback: 38 });
    expect(slotting(5)).toEqual({ slotMs: 1, lookback: 6 });
  });

  it("counts every slot an interval can touch, wherever it starts, and one more", () => {
    for (const intervalMs of [5, 333, 1_000, 10_000]) {
      const { slotMs, lookback } = slotting(intervalMs);
      for (let start = 0; start < 3 * slotMs; start++) {
        const touched = Math.floor((start + intervalMs - 1) / slotMs) - Math.floor(start / slotMs) + 1;
        expect(touched).toBeLessThanOrEqual(lookback);
      }
    }
  });
});

describe("retryDelayMs", () => {
  const slots = slotting(10_000);

  it("waits until the oldest counted slot has left the counted range", () => {
    // Counted range at 12,300 ms: slots 2,000 … 12,250. Slot 2,000 leaves when slot 12,500 begins.
    expect(retryDelayMs(2_000, 12_300, slots)).toBe(200);
    expect(retryDelayMs(5_000, 12_300, slots)).toBe(3_200);
  });

  it("never asks for a wait of zero or less", () => {
    expect(retryDelayMs(2_000, 12_500, slots)).toBe(1);
  });
});

describe("the slotted admission rule", () => {
  it("never lets more than the limit start in any interval, and reaches the limit", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);
    for (const [limit, intervalMs] of [[20, 2_000], [110, 10_000], [5, 1_000], [3, 333]] as const) {
      const slots = slotting(intervalMs);
      const arrivals = Array.from({ length: limit * 8 }, () => Math.floor(random() * intervalMs * 3)).sort((a, b) => a - b);
      const starts = simulate(limit, slots, arrivals);
      expect(busiestInterval(starts, intervalMs)).toBe(limit);
      // The slot of margin: even an interval one slot longer never holds more.
      expect(busiestInterval(starts, intervalMs + slots.slotMs - 1)).toBe(limit);
      // Under a backlog, `limit` start every interval plus two slots: the price of slots, no more.
      const cycleMs = (slots.lookback + 1) * slots.slotMs;
      expect(starts.at(-1)! - arrivals[0]!).toBeLessThan((arrivals.length / limit) * cycleMs);
    }
  });
});
