import { randomUUID } from "node:crypto";
import { HubSpotApiError, json } from "../domain/errors";
import { DailyCounter, RATE_LIMITS, RollingWindowLimiter } from "../domain/rate-limit";
import { checkAccessToken } from "../oauth/tokens";
import { consumeForcedRateLimit, getAccount, timeScaleOf, type AccountRow } from "../store/accounts";
import type { Actor } from "../store/write-session";
import type { ObjectType } from "../domain/object-types";

/** What a CRM handler knows about the call: the account, the app and the granted scopes. */
export interface ApiContext {
  account: AccountRow;
  appId: number;
  userId: number;
  scopes: string[];
  actor: Actor;
}

const SCOPE_NAMES: Record<ObjectType, string> = {
  contacts: "contacts",
  companies: "companies",
  products: "products",
  line_items: "line_items",
  invoices: "invoices",
  commerce_payments: "commercepayments",
};

/** Throws MISSING_SCOPES unless the token may read (or write) this object type. */
export function requireScope(ctx: ApiContext, type: ObjectType, access: "read" | "write"): void {
  if (ctx.scopes.length === 0) return;
  const read = `crm.objects.${SCOPE_NAMES[type]}.read`;
  const write = `crm.objects.${SCOPE_NAMES[type]}.write`;
  const ok = access === "read" ? ctx.scopes.includes(read) || ctx.scopes.includes(write) : ctx.scopes.includes(write);
  if (!ok) {
    throw new HubSpotApiError(403, "MISSING_SCOPES", "This app hasn't been granted all required scopes to make this call.", {
      errors: [{ message: `One or more of the following scopes are required.`, context: { requiredGranularScopes: [access === "read" ? read : write] } }],
    });
  }
}

export async function authenticate(request: Request): Promise<ApiContext> {
  const header = request.headers.get("authorization") ?? "";
  const token = header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : null;
  const check = await checkAccessToken(token);
  if (!check.ok) {
    if (check.reason === "expired") {
      throw new HubSpotApiError(401, "EXPIRED_AUTHENTICATION", `The OAuth token used to make this call expired ${check.expiredSecondsAgo} second(s) ago.`);
    }
    throw new HubSpotApiError(
      401,
      "INVALID_AUTHENTICATION",
      check.reason === "missing" ? "Authentication credentials not found. This API supports OAuth 2.0 authentication." : "The OAuth token used to make this call is not valid.",
    );
  }
  const account = await getAccount(check.accountId);
  if (!account) throw new HubSpotApiError(401, "INVALID_AUTHENTICATION", "The account of this token no longer exists.");
  return {
    account,
    appId: check.appId,
    userId: check.userId,
    scopes: check.scopes,
    actor: { accountId: account.id, source: { changeSource: "INTEGRATION", sourceId: String(check.appId) } },
  };
}

const limiter = new RollingWindowLimiter();
const daily = new DailyCounter();

/** Clears the 10-second and per-second windows of every account (admin: `POST /limits/reset`). */
export function resetRateLimits(): void {
  limiter.reset();
}

const rateLimitBody = (message: string, policyName: string) => ({
  status: "error",
  message,
  errorType: "RATE_LIMIT",
  correlationId: randomUUID(),
  policyName,
  category: "RATE_LIMITS",
});

export const TEN_SECONDLY_BODY = () => rateLimitBody("You have reached your ten_secondly_rolling limit.", "TEN_SECONDLY_ROLLING");
export const SECONDLY_BODY = () => rateLimitBody("You have reached your secondly limit.", "SECONDLY");

export interface Admission {
  rejected: Response | null;
  headers: Record<string, string>;
}

/**
 * Injected faults first (latency, forced or random 429s, 500/503), then the account's real
 * limits: 110 requests per 10 s and, for search, 5 per second — windows divided by the time scale.
 */
export async function admit(ctx: ApiContext, isSearch: boolean): Promise<Admission> {
  const faults = ctx.account.faults;
  if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
  const scale = timeScaleOf(ctx.account);
  const general = limiter.take(`general:${ctx.account.id}`, RATE_LIMITS.general.max, Math.max(1, Math.round(RATE_LIMITS.general.intervalMs / scale)));
  const headers: Record<string, string> = {
    "X-HubSpot-RateLimit-Max": String(general.max),
    "X-HubSpot-RateLimit-Remaining": String(general.remaining),
    "X-HubSpot-RateLimit-Interval-Milliseconds": String(general.intervalMs),
    "X-HubSpot-RateLimit-Daily": String(RATE_LIMITS.daily),
    "X-HubSpot-RateLimit-Daily-Remaining": String(Math.max(0, RATE_LIMITS.daily - daily.increment(`daily:${ctx.account.id}`))),
  };
  const limited = () => json(isSearch ? SECONDLY_BODY() : TEN_SECONDLY_BODY(), 429, headers);
  if ((faults.rateLimitNext ?? 0) > 0 && (await consumeForcedRateLimit(ctx.account.id))) return { rejected: limited(), headers };
  if (faults.rateLimitRate && Math.random() < faults.rateLimitRate) return { rejected: limited(), headers };
  if (faults.serverErrorRate && Math.random() < faults.serverErrorRate) {
    const status = Math.random() < 0.5 ? 500 : 503;
    const body = { status: "error", message: status === 500 ? "internal error" : "Service Unavailable", correlationId: randomUUID(), category: "INTERNAL_ERROR" };
    return { rejected: json(body, status), headers };
  }
  if (!general.allowed) return { rejected: json(TEN_SECONDLY_BODY(), 429, headers), headers };
  if (isSearch) {
    const search = limiter.take(`search:${ctx.account.id}`, RATE_LIMITS.search.max, Math.max(1, Math.round(RATE_LIMITS.search.intervalMs / scale)));
    if (!search.allowed) return { rejected: json(SECONDLY_BODY(), 429, headers), headers };
  }
  return { rejected: null, headers };
}
