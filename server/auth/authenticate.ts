import type { Database } from "../db/client";
import { findUserByEmail } from "./accounts";
import { normalizeEmail } from "./credentials";
import { decoyPasswordHash, verifyPassword } from "./password";
import { assertSignInAllowed, clearSignInFailures, recordFailedSignIn } from "./sign-in-throttle";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string | null;
}

/** Checks an email and password; null when they don't match. Throws TooManySignInAttempts while locked out. */
export async function authenticate(
  db: Database,
  rawEmail: string,
  password: string,
  options: { maxFailures: number },
): Promise<AuthenticatedUser | null> {
  const email = normalizeEmail(rawEmail);
  await assertSignInAllowed(db, email);
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !valid) {
    await recordFailedSignIn(db, email, options.maxFailures);
    return null;
  }
  await clearSignInFailures(db, email);
  return { id: user.id, email: user.email, name: user.name };
}
