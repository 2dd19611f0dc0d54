import postgres from "postgres";
import { env } from "../env";
import { inProcessLimiters, limiterRegistry, type LimiterFactory } from "./rate-limiter";
import { RateWindowStore } from "./rate-window-store";
import { SharedRateLimiter } from "./shared-rate-limiter";

// A pool of its own, not db()'s: sync work holds connections reserved from the app's pool (its
// advisory locks) while it calls providers, so a limiter drawing on that pool could wait for a
// connection that only comes back after the request it is holding up. Kept on globalThis for the
// same reason as db(): Next's dev server re-evaluates modules on every change.
const globalForLimits = globalThis as unknown as { tandemRateWindows?: RateWindowStore };

function rateWindowStore(): RateWindowStore {
  globalForLimits.tandemRateWindows ??= new RateWindowStore(postgres(env().DATABASE_URL, { max: 2, idle_timeout: 30, onnotice: () => {} }));
  return globalForLimits.tandemRateWindows;
}

const sharedLimiters: LimiterFactory = limiterRegistry((key, rate) => new SharedRateLimiter(key, rate, rateWindowStore()));

/**
 * The limiters provider clients use unless given others: shared through the app's database, so a
 * provider's limit holds however many processes or workers call it. Without a database (unit
 * tests that bring their own fetch) the in-process ones.
 */
export const providerLimiters: LimiterFactory = (key, rate) => (process.env.DATABASE_URL ? sharedLimiters : inProcessLimiters)(key, rate);
