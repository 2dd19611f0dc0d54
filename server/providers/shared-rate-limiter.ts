import { ConcurrencyCap } from "./concurrency-cap";
import { countedWeight, type RateLimit, type RateLimiter } from "./rate-limiter";
import { slotting, type Slotting } from "./rate-window";
import { assertCountable, type RateWindowStore } from "./rate-window-store";

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    // Like the in-process limiter's timer: a waiting request alone doesn't keep the process up.
    setTimeout(resolve, ms).unref?.();
  });

interface Waiter {
  weight: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * A provider's rolling-window limit shared by every process through Postgres (see
 * RateWindowStore): together they never start more than `limit` requests in any `intervalMs`
 * (counted in slots, see rate-window.ts). The concurrency cap stays in-process: it is per process,
 * so N processes may have N × `concurrency` requests in flight.
 *
 * Waiters queue here, in arrival order, and only the first asks the database: one round trip per
 * admitted request, and when the window is full one per wake-up, which is when the oldest counted
 * slot leaves the window (no polling in between).
 */
export class SharedRateLimiter implements RateLimiter {
  private readonly cap: ConcurrencyCap | undefined;
  private readonly slots: Slotting;
  private readonly queue: Waiter[] = [];
  private pumping = false;

  constructor(
    private readonly key: string,
    private readonly rate: RateLimit,
    private readonly store: Pick<RateWindowStore, "take">,
    private readonly sleep: (ms: number) => Promise<void> = defaultSleep,
  ) {
    this.cap = rate.concurrency === undefined ? undefined : new ConcurrencyCap(rate.concurrency);
    this.slots = slotting(rate.intervalMs);
    assertCountable(key, rate.limit, this.slots);
  }

  async acquire(weight = 1): Promise<() => void> {
    // In flight first, then the window: a request counted in the window starts right away.
    const release = (await this.cap?.acquire()) ?? (() => {});
    try {
      await new Promise<void>((resolve, reject) => {
        this.queue.push({ weight: countedWeight(weight, this.rate.limit), resolve, reject });
        void this.pump();
      });
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        let admission;
        try {
          admission = await this.store.take(this.key, this.rate.limit, this.slots, this.queue[0]!.weight);
        } catch (error) {
          // The database is unreachable: fail this request (its caller retries) rather than
          // send it uncounted.
          this.queue.shift()!.reject(error);
          continue;
        }
        if (admission.admitted) this.queue.shift()!.resolve();
        else await this.sleep(admission.retryInMs);
      }
    } finally {
      this.pumping = false;
    }
  }
}
