import postgres from "postgres";
import { env } from "../env";
import { PlaceReleases } from "./place-releases";
import { ProviderLimitStore } from "./provider-limit-store";
import { inProcessLimiters, limiterRegistry, type LimiterFactory } from "./rate-limiter";
import { SharedRateLimiter } from "./shared-rate-limiter";

// A pool of its own, not db()'s: sync work holds connections reserved from the app's pool (its
// advisory locks) while it calls providers, so a limiter drawing on that pool could wait for a
// connection that only comes back after the request it is holding up. Kept on globalThis for the
// same reason as db(): Next's dev server re-evaluates modules on every change.
const globalForLimits = globalThis as unknown as { tandemProviderLimits?: { store: ProviderLimitStore; releases: PlaceReleases } };

function sharedLimits(): { store: ProviderLimitStore; releases: PlaceReleases } {
  if (!globalForLimits.tandemProviderLimits) {
    // A take and a give-back per request; LISTEN gets a connection of its own when first needed.
    const sql = postgres(env().DATABASE_URL, { max: 4, idle_timeout: 30, onnotice: () => {} });
    globalForLimits.tandemProviderLimits = { store: new ProviderLimitStore(sql), releases: new PlaceReleases(sql) };
  }
  return globalForLimits.tandemProviderLimits;
}

const sharedLimiters: LimiterFactory = limiterRegistry((key, rate) => {
  const { store, releases } = sharedLimits();
  return new SharedRateLimiter(key, rate, store, releases);
});

/**
 * The limiters provider clients use unless given others: shared through the app's database, so a
 * provider's limits (requests per window and in flight) hold however many processes or workers
 * call it. Without a database (unit tests that bring their own fetch) the in-process ones.
 */
export const providerLimiters: LimiterFactory = (key, rate) => (process.env.DATABASE_URL ? sharedLimiters : inProcessLimiters)(key, rate);
