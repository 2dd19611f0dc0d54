import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { effectiveTimeScale, now } from "../domain/clock";
import type { SandboxDb, SandboxExecutor } from "../store/db";
import { apps, authorizationCodes, companies, grants, tokens } from "../store/schema";
import { issueIdToken } from "./id-token";

export type AppRow = typeof apps.$inferSelect;
export type GrantRow = typeof grants.$inferSelect;

export const DEFAULT_ACCESS_TOKEN_SECONDS = 3600;
/** A refresh token expires after 100 days unused. */
export const REFRESH_TOKEN_SECONDS = 8_726_400;
/** A rotated refresh token keeps working this long after its successor was issued. */
export const ROTATION_GRACE_SECONDS = 24 * 3600;
const AUTHORIZATION_CODE_SECONDS = 300;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function opaque(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

export class OAuthError extends Error {
  constructor(
    readonly error: "invalid_grant" | "invalid_client" | "invalid_request" | "unsupported_grant_type",
    readonly description: string,
    readonly status = 400,
  ) {
    super(`${error}: ${description}`);
  }
}

/** Client authentication: `Authorization: Basic base64(client_id:client_secret)`. */
export async function authenticateClient(db: SandboxExecutor, authorization: string | null): Promise<AppRow> {
  const match = /^Basic\s+(.+)$/i.exec(authorization ?? "");
  if (!match) throw new OAuthError("invalid_client", "Client authentication failed", 401);
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  const clientId = decoded.slice(0, separator);
  const clientSecret = decoded.slice(separator + 1);
  const [app] = await db.select().from(apps).where(eq(apps.clientId, clientId));
  if (!app || separator < 0 || app.clientSecret !== clientSecret) throw new OAuthError("invalid_client", "Client authentication failed", 401);
  return app;
}

export async function findAppByClientId(db: SandboxExecutor, clientId: string): Promise<AppRow | undefined> {
  const [app] = await db.select().from(apps).where(eq(apps.clientId, clientId));
  return app;
}

/** The user approved: a grant for (app, company) and a short-lived single-use code. */
export async function issueAuthorizationCode(db: SandboxDb, app: AppRow, realmId: string, redirectUri: string, scopes: string[]): Promise<string> {
  const [grant] = await db.insert(grants).values({ appId: app.id, realmId, scopes, createdAt: now() }).returning();
  const code = opaque("AB11", 24);
  await db.insert(authorizationCodes).values({
    code,
    grantId: grant!.id,
    redirectUri,
    expiresAt: new Date(now().getTime() + AUTHORIZATION_CODE_SECONDS * 1000),
  });
  return code;
}

export interface TokenResponse {
  token_type: "bearer";
  access_token: string;
  expires_in: number;
  refresh_token: string;
  x_refresh_token_expires_in: number;
  /** Only from a code exchange of a grant with the `openid` scope. */
  id_token?: string;
}

/** Access-token lifetime: per-company override, else per-app, else 3600 s — divided by the time scale. */
async function accessTokenSeconds(ex: SandboxExecutor, app: AppRow, realmId: string): Promise<number> {
  const [company] = await ex.select().from(companies).where(eq(companies.realmId, realmId));
  const base = company?.accessTokenLifetimeSeconds ?? app.accessTokenLifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_SECONDS;
  return Math.max(1, Math.round(base / effectiveTimeScale(company?.timeScale)));
}

async function issueTokens(ex: SandboxExecutor, app: AppRow, grant: GrantRow, refreshExpiresAt?: Date): Promise<TokenResponse> {
  const at = now();
  const accessSeconds = await accessTokenSeconds(ex, app, grant.realmId);
  const accessToken = opaque("eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..", 48);
  const refreshToken = opaque("RT1-", 32);
  const refreshExpiry = refreshExpiresAt ?? new Date(at.getTime() + REFRESH_TOKEN_SECONDS * 1000);
  await ex.insert(tokens).values([
    { tokenHash: hashToken(accessToken), kind: "access", grantId: grant.id, expiresAt: new Date(at.getTime() + accessSeconds * 1000), createdAt: at },
    { tokenHash: hashToken(refreshToken), kind: "refresh", grantId: grant.id, expiresAt: refreshExpiry, createdAt: at },
  ]);
  return {
    token_type: "bearer",
    access_token: accessToken,
    expires_in: accessSeconds,
    refresh_token: refreshToken,
    x_refresh_token_expires_in: Math.max(0, Math.floor((refreshExpiry.getTime() - at.getTime()) / 1000)),
  };
}

export async function exchangeAuthorizationCode(db: SandboxDb, app: AppRow, code: string | null, redirectUri: string | null): Promise<TokenResponse> {
  if (!code) throw new OAuthError("invalid_request", "code is required");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ code: authorizationCodes, grant: grants })
      .from(authorizationCodes)
      .innerJoin(grants, eq(grants.id, authorizationCodes.grantId))
      .where(eq(authorizationCodes.code, code))
      .for("update");
    const valid =
      row &&
      row.grant.appId === app.id &&
      !row.code.usedAt &&
      !row.grant.revokedAt &&
      row.code.expiresAt > now() &&
      row.code.redirectUri === redirectUri;
    if (!valid) throw new OAuthError("invalid_grant", "Token invalid");
    await tx.update(authorizationCodes).set({ usedAt: now() }).where(eq(authorizationCodes.code, code));
    const issued = await issueTokens(tx, app, row.grant);
    if (!row.grant.scopes.includes("openid")) return issued;
    return { ...issued, id_token: await issueIdToken(tx, { clientId: app.clientId, realmId: row.grant.realmId, authTime: row.grant.createdAt }) };
  });
}

/**
 * Every refresh returns a new refresh token; the one presented keeps working for 24 hours (scaled)
 * after its first use, then stops. Expired, revoked or unknown tokens are `invalid_grant`.
 */
export async function refreshTokens(db: SandboxDb, app: AppRow, refreshToken: string | null): Promise<TokenResponse> {
  if (!refreshToken) throw new OAuthError("invalid_request", "refresh_token is required");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ token: tokens, grant: grants, company: companies })
      .from(tokens)
      .innerJoin(grants, eq(grants.id, tokens.grantId))
      .innerJoin(companies, eq(companies.realmId, grants.realmId))
      .where(and(eq(tokens.tokenHash, hashToken(refreshToken)), eq(tokens.kind, "refresh")))
      .for("update");
    const at = now();
    const graceMs = (ROTATION_GRACE_SECONDS * 1000) / effectiveTimeScale(row?.company.timeScale);
    const valid =
      row &&
      row.grant.appId === app.id &&
      !row.grant.revokedAt &&
      row.token.expiresAt > at &&
      (!row.token.rotatedAt || row.token.rotatedAt.getTime() + graceMs > at.getTime());
    if (!valid) throw new OAuthError("invalid_grant", "Token invalid");
    if (!row.token.rotatedAt) await tx.update(tokens).set({ rotatedAt: at }).where(eq(tokens.tokenHash, row.token.tokenHash));
    return issueTokens(tx, app, row.grant);
  });
}

/** Revoking either token of a grant ends the whole grant (Intuit disconnects the app). */
export async function revokeToken(db: SandboxDb, app: AppRow, token: string): Promise<void> {
  const [row] = await db
    .select({ grantId: tokens.grantId })
    .from(tokens)
    .innerJoin(grants, eq(grants.id, tokens.grantId))
    .where(and(eq(tokens.tokenHash, hashToken(token)), eq(grants.appId, app.id)));
  if (!row) return;
  await db.update(grants).set({ revokedAt: now() }).where(and(eq(grants.id, row.grantId), isNull(grants.revokedAt)));
}

export interface AccessContext {
  app: AppRow;
  grant: GrantRow;
}

export type AccessCheck = { ok: true; access: AccessContext } | { ok: false; reason: "missing" | "invalid" | "expired" | "revoked" };

/** Resolves a Bearer access token to the app and grant it belongs to. */
export async function verifyAccessToken(db: SandboxExecutor, authorization: string | null): Promise<AccessCheck> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match) return { ok: false, reason: "missing" };
  const [row] = await db
    .select({ token: tokens, grant: grants, app: apps })
    .from(tokens)
    .innerJoin(grants, eq(grants.id, tokens.grantId))
    .innerJoin(apps, eq(apps.id, grants.appId))
    .where(and(eq(tokens.tokenHash, hashToken(match[1]!)), eq(tokens.kind, "access")));
  if (!row) return { ok: false, reason: "invalid" };
  if (row.grant.revokedAt) return { ok: false, reason: "revoked" };
  if (row.token.expiresAt <= now()) return { ok: false, reason: "expired" };
  return { ok: true, access: { app: row.app, grant: row.grant } };
}
