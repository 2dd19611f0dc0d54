import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { signInThrottle } from "../db/schema";

const WINDOW_MS = 15 * 60_000;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

export class TooManySignInAttempts extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`);
    this.name = "TooManySignInAttempts";
  }
}

/** Throws while the email is locked out after repeated failures. */
export async function assertSignInAllowed(db: Database, email: string, now = new Date()): Promise<void> {
  const row = await db.query.signInThrottle.findFirst({ where: eq(signInThrottle.email, email) });
  if (row?.lockedUntil && row.lockedUntil > now) {
    throw new TooManySignInAttempts(Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
  }
}

/**
 * Counts a failure in one atomic upsert (concurrent guesses can't slip past the count). From the
 * `maxFailures`-th failure within the window on, each one locks the email for twice as long.
 */
export async function recordFailedSignIn(db: Database, email: string, maxFailures: number, now = new Date()) {
  // Raw sql fragments take timestamps as text; the driver only converts Dates in typed columns.
  const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString();
  const nowText = now.toISOString();
  await db
    .insert(signInThrottle)
    .values({ email, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInThrottle.email,
      set: {
        failures: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart}::timestamptz then 1 else ${signInThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart}::timestamptz then ${nowText}::timestamptz else ${signInThrottle.windowStartedAt} end`,
      },
    });
  await db
    .update(signInThrottle)
    .set({
      lockedUntil: sql`${nowText}::timestamptz + least(${MAX_LOCK_MS}, ${FIRST_LOCK_MS} * power(2, ${signInThrottle.failures} - ${maxFailures})) * interval '1 millisecond'`,
    })
    .where(sql`${signInThrottle.email} = ${email} and ${signInThrottle.failures} >= ${maxFailures}`);
}

export async function clearSignInFailures(db: Database, email: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.email, email));
}
