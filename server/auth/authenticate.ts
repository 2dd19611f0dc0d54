import type { Database } from "../db/client";
import { findUserByEmail } from "./accounts";
import { UNKNOWN_ADDRESS } from "./client-address";
import { normalizeEmail } from "./credentials";
import { decoyPasswordHash, verifyPassword } from "./password";
import { clearSignInAttempts, reserveSignInAttempt, signInLimits } from "./sign-in-throttle";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string | null;
  sessionVersion: number;
}

export interface AuthenticateOptions {
  /** The caller's address (see client-address.ts); attempts are throttled by it. */
  clientAddress: string;
  maxFailures: number;
  maxAttemptsPerAddress: number;
}

/**
 * Checks an email and password; null when they don't match. Throws TooManySignInAttempts while
 * the email (from this address) or the address is locked out; a locked-out attempt costs no hashing.
 */
export async function authenticate(db: Database, rawEmail: string, password: string, options: AuthenticateOptions): Promise<AuthenticatedUser | null> {
  const email = normalizeEmail(rawEmail);
  const limits = signInLimits(email, options.clientAddress, {
    perEmail: options.maxFailures,
    perAddress: options.maxAttemptsPerAddress,
  });
  // Without a known address every client would share one budget: one sprayer would lock everyone out.
  await reserveSignInAttempt(db, options.clientAddress === UNKNOWN_ADDRESS ? [limits.email] : [limits.email, limits.address]);
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !valid) return null;
  await clearSignInAttempts(db, limits.email);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
