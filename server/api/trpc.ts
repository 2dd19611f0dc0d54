/**
 * 1. CONTEXT — what every procedure can reach: the database, the session, the request headers.
 * 2. INITIALIZATION — tRPC with superjson and an error formatter that turns zod issues and
 *    FieldErrors into `fieldErrors` the forms can show next to their inputs.
 * 3. PROCEDURES — public, protected (signed in) and org (signed in, and a member of the org,
 *    which is put into the context; every org-owned query filters by `ctx.org.id`); orgAdmin (an
 *    owner or admin of the org: whatever changes connections or settings); and their Provider
 *    variants, rate-limited per org, for procedures that call HubSpot or QuickBooks; and
 *    accountCreation, rate-limited per client address, for the public ones that hash a password.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { and, asc, eq } from "drizzle-orm";
import type { Session } from "next-auth";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { clientAddress, PEER_ADDRESS_HEADER, UNKNOWN_ADDRESS } from "../auth/client-address";
import { FieldError } from "../auth/field-error";
import { passwordHashingBusy } from "../auth/password";
import type { Database } from "../db/client";
import { memberships, orgs } from "../db/schema";
import { env } from "../env";
import { WindowCounter } from "./rate-limit";

// 1. CONTEXT

/** The header a client sets to act in one of the user's orgs; without it, their first org is used. */
export const ORG_HEADER = "x-tandem-org";

export interface TRPCContext {
  db: Database;
  session: Session | null;
  headers: Headers;
}

export function createTRPCContext(opts: TRPCContext): TRPCContext {
  return opts;
}

// 2. INITIALIZATION

function fieldErrorsOf(cause: unknown): Record<string, string[]> | null {
  if (cause instanceof ZodError) {
    return z.flattenError(cause).fieldErrors as Record<string, string[]>;
  }
  if (cause instanceof FieldError) return { [cause.field]: [cause.message] };
  return null;
}

/** Errors may expose `clientDetails`: structured facts the client may see (e.g. the account a CONFLICT is about). */
function clientDetailsOf(cause: unknown): unknown {
  return cause && typeof cause === "object" && "clientDetails" in cause ? cause.clientDetails : null;
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const fieldErrors = fieldErrorsOf(error.cause);
    // zod's own message is a JSON dump of its issues; the first field message reads better.
    const message =
      error.code === "INTERNAL_SERVER_ERROR"
        ? // The raw text of an unexpected error can carry query parameters (emails, hashes): never send it.
          "Something went wrong on our side. Please try again."
        : error.cause instanceof SyntaxError
          ? // The JSON parser's own message quotes the body back and names the engine: say what's wrong instead.
            "The request body is not valid JSON."
          : error.cause instanceof ZodError
            ? (error.cause.issues[0]?.message ?? shape.message)
            : shape.message;
    return { ...shape, message, data: { ...shape.data, fieldErrors, details: clientDetailsOf(error.cause) } };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

// 3. PROCEDURES

/** Turns a FieldError thrown by a service into a typed BAD_REQUEST the client can read. */
const fieldErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof FieldError) {
    const { cause } = result.error;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(fieldErrors);

let accountsCreated: WindowCounter | undefined;

/**
 * A public procedure that creates an account, hashing a password: the costliest thing a stranger
 * can ask for. At most SIGN_UP_MAX_PER_ADDRESS an hour per client address, and none while
 * sign-ins queue for the hashing slots, so a flood of sign-ups, from one address or many, can't
 * hold up the people signing in.
 */
export const accountCreationProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (passwordHashingBusy()) {
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: "Tandem is busy right now; try again in a few seconds." });
  }
  // Without a recorded peer every client would share one budget (as for sign-ins).
  if (!ctx.headers.has(PEER_ADDRESS_HEADER)) return next();
  const config = env();
  const address = clientAddress(ctx.headers, config.TRUSTED_PROXY_HOPS);
  if (address !== UNKNOWN_ADDRESS) {
    accountsCreated ??= new WindowCounter(config.SIGN_UP_MAX_PER_ADDRESS, 60 * 60_000);
    const waitSeconds = await accountsCreated.take(ctx.db, `sign-up:${address}`);
    if (waitSeconds !== null) {
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: `Too many accounts created from this address; try again in ${Math.ceil(waitSeconds / 60)} minutes.` });
    }
  }
  return next();
});

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session?.user?.id) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, session: { ...ctx.session, user: ctx.session.user } } });
});

export const orgProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const requestedOrgId = ctx.headers.get(ORG_HEADER);
  if (requestedOrgId !== null && !z.uuid().safeParse(requestedOrgId).success) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `${ORG_HEADER} must be an organization id.` });
  }
  const [membership] = await ctx.db
    .select({ id: orgs.id, name: orgs.name, role: memberships.role })
    .from(memberships)
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(
      and(
        eq(memberships.userId, ctx.session.user.id),
        requestedOrgId ? eq(memberships.orgId, requestedOrgId) : undefined,
      ),
    )
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!membership) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this organization." });
  return next({ ctx: { ...ctx, org: membership } });
});

/** Members view; owners and admins manage connections, settings and members. */
export const orgAdminProcedure = orgProcedure.use(({ ctx, next }) => {
  if (ctx.org.role === "member") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only the organization's owners and admins can do this." });
  }
  return next();
});

/**
 * Each call of these procedures reaches HubSpot or QuickBooks with the org's tokens; the provider's
 * rate limit is per connection, so an org that hammers one must not eat it up (or run up calls).
 * Enough for a person setting up mappings and filters quickly; a script gets cut off.
 */
export const PROVIDER_CALLS_PER_MINUTE = 30;
const providerCalls = new WindowCounter(PROVIDER_CALLS_PER_MINUTE, 60_000);

async function assertProviderCallAllowed(db: Database, orgId: string, path: string): Promise<void> {
  const waitSeconds = await providerCalls.take(db, `provider-call:${orgId}:${path}`);
  if (waitSeconds !== null) {
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: `Too many requests to the provider; try again in ${waitSeconds} seconds.` });
  }
}

/** An org procedure that calls a provider: at most PROVIDER_CALLS_PER_MINUTE calls a minute per org. */
export const orgProviderProcedure = orgProcedure.use(async ({ ctx, path, next }) => {
  await assertProviderCallAllowed(ctx.db, ctx.org.id, path);
  return next();
});

/** An org admin procedure that calls a provider: at most PROVIDER_CALLS_PER_MINUTE calls a minute per org. */
export const orgAdminProviderProcedure = orgAdminProcedure.use(async ({ ctx, path, next }) => {
  await assertProviderCallAllowed(ctx.db, ctx.org.id, path);
  return next();
});
