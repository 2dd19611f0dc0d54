import { sql } from "drizzle-orm";
import type { Database, Queryable } from "../db/client";
import { memberships, orgs, users } from "../db/schema";
import { normalizeEmail, type SignUpInput } from "./credentials";
import { FieldError } from "./field-error";
import { hashPassword } from "./password";

export const EMAIL_TAKEN_MESSAGE = "An account with this email already exists. Sign in instead.";

function isUniqueViolation(error: unknown): boolean {
  const cause = error instanceof Error && "cause" in error ? error.cause : error;
  return typeof cause === "object" && cause !== null && "code" in cause && cause.code === "23505";
}

/** Inserts a user; a taken email (in any letter case) is a field error. Hash the password first, outside any transaction. */
export async function createUser(db: Queryable, input: { email: string; name: string; passwordHash: string }) {
  try {
    const [user] = await db
      .insert(users)
      .values({ email: normalizeEmail(input.email), name: input.name, passwordHash: input.passwordHash })
      .returning();
    if (!user) throw new Error("insert returned no row");
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldError("email", EMAIL_TAKEN_MESSAGE, "CONFLICT");
    throw error;
  }
}

/** Creates the user, their organization and the owner membership together, or none of them. */
export async function createAccount(db: Database, input: SignUpInput) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const user = await createUser(tx, { email: input.email, name: input.name, passwordHash });
    const [org] = await tx.insert(orgs).values({ name: input.company }).returning();
    if (!org) throw new Error("insert returned no row");
    await tx.insert(memberships).values({ orgId: org.id, userId: user.id, role: "owner" });
    return { userId: user.id, orgId: org.id, email: user.email };
  });
}

export async function findUserByEmail(db: Database, email: string) {
  return db.query.users.findFirst({ where: sql`lower(${users.email}) = ${normalizeEmail(email)}` });
}
