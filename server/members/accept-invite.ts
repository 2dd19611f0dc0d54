import { and, eq, gt, isNull } from "drizzle-orm";
import { createUser } from "../auth/accounts";
import { normalizeEmail } from "../auth/credentials";
import { hashPassword } from "../auth/password";
import type { Database, Transaction } from "../db/client";
import { invites, memberships, users } from "../db/schema";
import { hashInviteToken } from "./invite-token";

/** The link is unknown, used or expired; or it was meant for someone else. */
export class InviteError extends Error {
  constructor(readonly problem: "invalid" | "other_email", email?: string) {
    super(
      problem === "invalid"
        ? "This invitation link is invalid or has expired. Ask for a new one."
        : `This invitation is for ${email}. Sign in with that email to accept it.`,
    );
    this.name = "InviteError";
  }
}

/** Locks the open invite for `token` (so it is used once), or throws InviteError. */
async function claim(tx: Transaction, token: string, now: Date) {
  const [invite] = await tx
    .select()
    .from(invites)
    .where(and(eq(invites.tokenHash, hashInviteToken(token)), isNull(invites.acceptedAt), gt(invites.expiresAt, now)))
    .for("update");
  if (!invite) throw new InviteError("invalid");
  return invite;
}

async function join(tx: Transaction, invite: typeof invites.$inferSelect, userId: string, now: Date) {
  await tx.insert(memberships).values({ orgId: invite.orgId, userId, role: invite.role }).onConflictDoNothing();
  await tx.update(invites).set({ acceptedAt: now }).where(eq(invites.id, invite.id));
}

/** A signed-in user accepts an invite sent to their email and joins the org with its role. */
export async function acceptInvite(db: Database, token: string, userId: string, now = new Date()): Promise<{ orgId: string }> {
  return db.transaction(async (tx) => {
    const invite = await claim(tx, token, now);
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!user || normalizeEmail(user.email) !== normalizeEmail(invite.email)) throw new InviteError("other_email", invite.email);
    await join(tx, invite, userId, now);
    return { orgId: invite.orgId };
  });
}

/** Someone without an account signs up through an invite: the account gets the invite's email and joins its org. */
export async function signUpWithInvite(
  db: Database,
  input: { token: string; name: string; password: string },
  now = new Date(),
): Promise<{ userId: string; orgId: string; email: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const invite = await claim(tx, input.token, now);
    const user = await createUser(tx, { email: invite.email, name: input.name, passwordHash });
    await join(tx, invite, user.id, now);
    return { userId: user.id, orgId: invite.orgId, email: user.email };
  });
}
