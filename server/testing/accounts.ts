import { randomBytes } from "node:crypto";
import type { Session } from "next-auth";
import { createCaller } from "../api/root";
import { ORG_HEADER } from "../api/trpc";
import type { Database } from "../db/client";

/** The tRPC API as a signed-in user (acting in `orgId`, if given) or, with null, as a visitor. */
export function callerFor(db: Database, userId: string | null, orgId?: string) {
  const session = userId ? ({ user: { id: userId }, expires: "2999-01-01" } satisfies Session) : null;
  return createCaller({ db, session, headers: new Headers(orgId ? { [ORG_HEADER]: orgId } : {}) });
}

/** Signs up a new owner and organization through the API, with a unique email. */
export async function signUpOrg(db: Database, company = "Test Org"): Promise<{ userId: string; orgId: string }> {
  return callerFor(db, null).auth.signUp({
    name: "Owner",
    company,
    email: `owner-${randomBytes(6).toString("hex")}@tandem.test`,
    password: "correct horse battery",
  });
}
