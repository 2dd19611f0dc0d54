import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { memberships, orgs, users } from "../db/schema";
import { normalizeEmail, type SignUpInput } from "./credentials";
import { FieldError } from "./field-error";
import { hashPassword } from "./password";

export const EMAIL_TAKEN_MESSAGE = "An account with this email already exists. Sign in instead.";

function isUniqueViolation(error: unknown): boolean {
  const cause = error instanceof Error && "cause" in error ? error.cause : error;
  return typeof cause === "object" && cause !== null && "code" in cause && cause.code === "23505";
}

/** Creates the user, their organization and the owner membership together, or none of them. */
export async function createAccount(db: Database, input: SignUpInput) {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ email, name: input.name, passwordHash }).returning();
      const [org] = await tx.insert(orgs).values({ name: input.company }).returning();
      if (!user || !org) throw new Error("insert returned no row");
      await tx.insert(memberships).values({ orgId: org.id, userId: user.id, role: "owner" });
      return { userId: user.id, orgId: org.id, email };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldError("email", EMAIL_TAKEN_MESSAGE, "CONFLICT");
    throw error;
  }
}

export async function findUserByEmail(db: Database, email: string) {
  return db.query.users.findFirst({ where: sql`lower(${users.email}) = ${normalizeEmail(email)}` });
}
