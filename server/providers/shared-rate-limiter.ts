import { ConcurrencyCap } from "./concurrency-cap";
import type { PlaceReleases } from "./place-releases";
import { assertCountable, type ProviderLimitStore } from "./provider-limit-store";
import { countedWeight, type RateLimit, type RateLimiter } from "./rate-limiter";
import { slotting, type Slotting } from "./rate-window";

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    // Like the in-process limiter's timer: a waiting request alone doesn't keep the process up.
    setTimeout(resolve, ms).unref?.();
  });

/**
 * How long a waiter for a place waits for a give-back's notification before asking again. Only
 * matters when notifications don't arrive (see PlaceReleases): then a freed place stays unused
 * for at most this long, at the cost of one query a second per waiting process and key.
 */
export const PLACE_RECHECK_MS = 1_000;

interface Waiter {
  weight: number;
  resolve: (leaseId: string | null) => void;
  reject: (error: unknown) => void;
}

/**
 * A provider's limits shared by every process through Postgres (see ProviderLimitStore): together
 * they never start more than `limit` requests in any `intervalMs` (counted in slots, see
 * rate-window.ts) nor have more than `concurrency` in flight (a lease each, which a process that
 * dies leaves behind only until it expires).
 *
 * A process's own requests first wait for one of its `concurrency` places here (ConcurrencyCap),
 * so it never asks the database for more than it could be given. Then they queue, in arrival
 * order, and only the first asks the database: one round trip per admitted request and one to
 * give its place back. When the window is full, one more per wake-up, which is when the oldest
 * counted slot leaves the window; when every place is taken, one more when a place is given back
 * (PlaceReleases) or after PLACE_RECHECK_MS. No polling in between.
 */
export class SharedRateLimiter implements RateLimiter {
  private readonly cap: ConcurrencyCap | undefined;
  private readonly slots: Slotting;
  private readonly queue: Waiter[] = [];
  private pumping = false;

  constructor(
    private readonly key: string,
    private readonly rate: RateLimit,
    private readonly store: Pick<ProviderLimitStore, "take" | "giveBack">,
    private readonly releases: Pick<PlaceReleases, "heard" | "next">,
    private readonly sleep: (ms: number) => Promise<void> = defaultSleep,
  ) {
    this.cap = rate.concurrency === undefined ? undefined : new ConcurrencyCap(rate.concurrency);
    this.slots = slotting(rate.intervalMs);
    assertCountable(key, rate.limit, this.slots, rate.concurrency);
  }

  async acquire(weight = 1): Promise<() => void> {
    // In flight first, then the window: a request counted in the window starts right away.
    const releaseLocal = (await this.cap?.acquire()) ?? (() => {});
    let leaseId: string | null;
    try {
      leaseId = await new Promise<string | null>((resolve, reject) => {
        this.queue.push({ weight: countedWeight(weight, this.rate.limit), resolve, reject });
        void this.pump();
      });
    } catch (error) {
      releaseLocal();
      throw error;
    }
    return leaseId === null ? releaseLocal : this.releaser(leaseId, releaseLocal);
  }

  private releaser(leaseId: string, releaseLocal: () => void): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The local place follows the lease, so the next local request finds the place free. A
      // give-back that fails (the database is unreachable) leaves the lease to expire.
      void this.store
        .giveBack(this.key, leaseId, this.rate.concurrency!)
        .catch(() => {})
        .finally(releaseLocal);
    };
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const heard = this.releases.heard(this.key);
        let admission;
        try {
          admission = await this.store.take(this.key, this.rate.limit, this.slots, this.queue[0]!.weight, this.rate.concurrency);
        } catch (error) {
          // The database is unreachable: fail this request (its caller retries) rather than
          // send it uncounted.
          this.queue.shift()!.reject(error);
          continue;
        }
        if (admission.admitted) this.queue.shift()!.resolve(admission.leaseId);
        else if (admission.waitFor === "window") await this.sleep(admission.retryInMs);
        else await this.releases.next(this.key, heard, PLACE_RECHECK_MS);
      }
    } finally {
      this.pumping = false;
    }
  }
}
