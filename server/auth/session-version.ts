import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../db/client";
import { users } from "../db/schema";

/** The error's name, as a literal: class names don't survive the production build's minifier. */
export const SESSION_REVOKED = "SessionRevokedError";

/** A session token whose user is gone or whose version was raised since it was issued. */
export class SessionRevokedError extends Error {
  constructor() {
    super("This session was signed out.");
    this.name = SESSION_REVOKED;
  }
}

/** Throws SessionRevokedError unless the user exists and still has `version`. */
export async function assertSessionCurrent(db: Queryable, userId: string, version: unknown): Promise<void> {
  const [user] = await db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId));
  if (!user || user.sessionVersion !== version) throw new SessionRevokedError();
}

/** Revokes every session of the user issued so far (sign-out, password change). */
export async function revokeSessions(db: Queryable, userId: string): Promise<number> {
  const [user] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  if (!user) throw new Error("no such user");
  return user.sessionVersion;
}
