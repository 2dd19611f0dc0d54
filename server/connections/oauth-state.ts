import { randomBytes } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { Database } from "../db/client";
import { memberships, oauthStates, type Provider } from "../db/schema";
import { OAuthStateError } from "./errors";

/** How long a started connection attempt may take before its state is refused. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

export interface OAuthStateInput {
  orgId: string;
  userId: string;
  provider: Provider;
  replaceExisting: boolean;
  /** Checked by the caller with isSafeReturnTo. */
  returnTo?: string | null;
  now?: Date;
}

/** A fresh, unguessable state for one authorization attempt, bound to the user and org starting it. */
export async function createOAuthState(db: Database, input: OAuthStateInput): Promise<string> {
  const now = input.now ?? new Date();
  const state = randomBytes(32).toString("base64url");
  // Abandoned attempts would otherwise accumulate forever.
  await db.delete(oauthStates).where(lt(oauthStates.expiresAt, now));
  await db.insert(oauthStates).values({
    state,
    orgId: input.orgId,
    userId: input.userId,
    provider: input.provider,
    replaceExisting: input.replaceExisting,
    returnTo: input.returnTo ?? null,
    expiresAt: new Date(now.getTime() + OAUTH_STATE_TTL_MS),
  });
  return state;
}

export interface ConsumedState {
  orgId: string;
  replaceExisting: boolean;
  returnTo: string | null;
}

/**
 * Uses up a state: whoever presents it, it can never be presented again. It is accepted only for
 * the user who started the attempt, for the same provider, before it expires, and while that user
 * still belongs to the org.
 */
export async function consumeOAuthState(
  db: Database,
  input: { state: string | null; userId: string; provider: Provider; now?: Date },
): Promise<ConsumedState> {
  if (!input.state) throw new OAuthStateError("invalid_state");
  const [row] = await db.delete(oauthStates).where(eq(oauthStates.state, input.state)).returning();
  if (!row || row.userId !== input.userId || row.provider !== input.provider) throw new OAuthStateError("invalid_state");
  if (row.expiresAt.getTime() <= (input.now ?? new Date()).getTime()) throw new OAuthStateError("state_expired");
  const membership = await db.query.memberships.findFirst({
    where: and(eq(memberships.orgId, row.orgId), eq(memberships.userId, input.userId)),
    columns: { orgId: true },
  });
  if (!membership) throw new OAuthStateError("invalid_state");
  return { orgId: row.orgId, replaceExisting: row.replaceExisting, returnTo: row.returnTo };
}
