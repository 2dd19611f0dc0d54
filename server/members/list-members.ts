import { asc, eq } from "drizzle-orm";
import type { Queryable } from "../db/client";
import { memberships, users } from "../db/schema";

/** The org's members, oldest first (the founding owner leads). */
export async function listMembers(db: Queryable, orgId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(memberships.createdAt));
}
