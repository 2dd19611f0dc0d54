import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { FieldError } from "../auth/field-error";
import { normalizeEmail } from "../auth/credentials";
import type { Queryable } from "../db/client";
import { invites, memberships, orgs, users } from "../db/schema";
import { hashInviteToken, newInviteToken } from "./invite-token";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

export type InvitedRole = "admin" | "member";

/**
 * Invites `email` into the org. Inviting the same email again replaces the earlier link. The token
 * is returned once, for the inviter to pass on; only its hash is kept.
 */
export async function createInvite(
  db: Queryable,
  input: { orgId: string; email: string; role: InvitedRole; invitedBy: string },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const email = normalizeEmail(input.email);
  const [existing] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, input.orgId), sql`lower(${users.email}) = ${email}`));
  if (existing) throw new FieldError("email", "This person is already a member.", "CONFLICT");

  const { token, tokenHash } = newInviteToken();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  await db.delete(invites).where(and(eq(invites.orgId, input.orgId), sql`lower(${invites.email}) = ${email}`));
  await db.insert(invites).values({ orgId: input.orgId, email, role: input.role, tokenHash, invitedBy: input.invitedBy, createdAt: now, expiresAt });
  return { token, expiresAt };
}

export interface OpenInvite {
  id: string;
  orgId: string;
  orgName: string;
  email: string;
  role: "owner" | "admin" | "member";
}

/** The invite a token stands for, while it is neither accepted nor expired; null otherwise. */
export async function findOpenInvite(db: Queryable, token: string, now = new Date()): Promise<OpenInvite | null> {
  const [invite] = await db
    .select({ id: invites.id, orgId: invites.orgId, orgName: orgs.name, email: invites.email, role: invites.role })
    .from(invites)
    .innerJoin(orgs, eq(orgs.id, invites.orgId))
    .where(and(eq(invites.tokenHash, hashInviteToken(token)), isNull(invites.acceptedAt), gt(invites.expiresAt, now)));
  return invite ?? null;
}

/** Open invites of an org, newest first, for its members page. */
export async function listOpenInvites(db: Queryable, orgId: string, now = new Date()) {
  return db
    .select({ email: invites.email, role: invites.role, expiresAt: invites.expiresAt })
    .from(invites)
    .where(and(eq(invites.orgId, orgId), isNull(invites.acceptedAt), gt(invites.expiresAt, now)))
    .orderBy(sql`${invites.createdAt} desc`);
}
