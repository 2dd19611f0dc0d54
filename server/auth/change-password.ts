import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { FieldError } from "./field-error";
import { hashPassword, verifyPassword } from "./password";
import { revokeSessions } from "./session-version";

/**
 * Replaces the user's password after checking the current one, and revokes every session issued
 * with the old one (a stolen session must not outlive the password it was stolen with). The caller
 * signs in again with the new password.
 */
export async function changePassword(db: Database, userId: string, currentPassword: string, newPassword: string): Promise<void> {
  const user = await db.query.users.findFirst({ where: eq(users.id, userId), columns: { passwordHash: true } });
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new FieldError("currentPassword", "This is not your current password.");
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await revokeSessions(tx, userId);
  });
}
