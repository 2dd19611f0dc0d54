import { eq, inArray } from "drizzle-orm";
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

/** A counter an attempt is charged to, and how many uncleared attempts it allows per window. */
export interface ThrottleLimit {
  key: string;
  maxAttempts: number;
}

/**
 * The limits one sign-in is charged to: the email from this client address (so a stranger
 * guessing elsewhere can't lock the user out), and the address across all emails (so one client
 * can't spray guesses over many accounts).
 */
export function signInLimits(email: string, clientAddress: string, max: { perEmail: number; perAddress: number }) {
  return {
    email: { key: `email:${email} address:${clientAddress}`, maxAttempts: max.perEmail },
    address: { key: `address:${clientAddress}`, maxAttempts: max.perAddress },
  } satisfies Record<string, ThrottleLimit>;
}

function lockUntil(now: Date, attempts: number, maxAttempts: number): Date {
  return new Date(now.getTime() + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (attempts - maxAttempts)));
}

/**
 * Charges an attempt to every limit before the password is checked, under the counters' row locks,
 * so concurrent guesses each see the ones before them: none gets through once a limit is reached.
 * The attempt that reaches a limit still runs but sets the lock already (a success clears it); from
 * then on each attempt past a lock doubles it. Throws TooManySignInAttempts while any is locked.
 */
export async function reserveSignInAttempt(db: Database, limits: ThrottleLimit[], now = new Date()): Promise<void> {
  const keys = limits.map((l) => l.key).sort();
  await db.transaction(async (tx) => {
    await tx
      .insert(signInThrottle)
      .values(keys.map((key) => ({ key, attempts: 0, windowStartedAt: now })))
      .onConflictDoNothing();
    // Sorted keys lock in one order, so two sign-ins sharing counters never deadlock.
    const rows = await tx.select().from(signInThrottle).where(inArray(signInThrottle.key, keys)).orderBy(signInThrottle.key).for("update");
    const lockedUntil = Math.max(0, ...rows.map((row) => row.lockedUntil?.getTime() ?? 0));
    if (lockedUntil > now.getTime()) throw new TooManySignInAttempts(Math.ceil((lockedUntil - now.getTime()) / 1000));
    for (const row of rows) {
      const limit = limits.find((l) => l.key === row.key)!;
      const windowOver = now.getTime() - row.windowStartedAt.getTime() >= WINDOW_MS;
      const attempts = (windowOver ? 0 : row.attempts) + 1;
      await tx
        .update(signInThrottle)
        .set({
          attempts,
          windowStartedAt: windowOver ? now : row.windowStartedAt,
          lockedUntil: attempts >= limit.maxAttempts ? lockUntil(now, attempts, limit.maxAttempts) : null,
        })
        .where(eq(signInThrottle.key, row.key));
    }
  });
}

/** A successful sign-in clears its email's counter; the address's stays (its budget is per window). */
export async function clearSignInAttempts(db: Database, limit: ThrottleLimit): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, limit.key));
}
