import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { sandboxDb } from "../store/db";
import { accessTokens, accounts, apps, authorizationCodes, refreshTokens } from "../store/schema";

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 1800;
const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** The body of a failed token request, as HubSpot's OAuth endpoints answer (400). */
export class OAuthError extends Error {
  constructor(
    readonly status: "BAD_AUTH_CODE" | "BAD_REFRESH_TOKEN" | "BAD_CLIENT_ID" | "BAD_CLIENT_SECRET" | "BAD_REDIRECT_URI" | "BAD_GRANT_TYPE" | "INVALID_TOKEN",
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
  }

  body() {
    return { status: this.status, message: this.message, correlationId: randomUUID() };
  }
}

const opaque = (prefix: string) => `${prefix}-${randomBytes(24).toString("base64url")}`;

/**
 * Codes and tokens are stored only as their SHA-256 (hex), as the QuickBooks sandbox does: the
 * live tokens of an app (Tandem's among them) are not readable from the sandbox's tables.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function findAppByClientId(clientId: string) {
  const [app] = await sandboxDb().select().from(apps).where(eq(apps.clientId, clientId));
  return app;
}

export async function issueAuthorizationCode(input: { appId: number; accountId: number; userId: number; redirectUri: string; scopes: string[] }): Promise<string> {
  const code = randomUUID();
  await sandboxDb()
    .insert(authorizationCodes)
    .values({ ...input, code: hashToken(code), expiresAt: new Date(Date.now() + CODE_LIFETIME_MS) });
  return code;
}

async function lifetimeSeconds(appId: number, accountId: number): Promise<number> {
  const [account] = await sandboxDb().select({ seconds: accounts.tokenLifetimeSeconds }).from(accounts).where(eq(accounts.id, accountId));
  const [app] = await sandboxDb().select({ seconds: apps.tokenLifetimeSeconds }).from(apps).where(eq(apps.id, appId));
  return account?.seconds ?? app?.seconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
}

export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: "bearer";
  hub_id: number;
}

/** `refreshToken` is the token itself, which the caller holds; the row has only its hash. */
async function mintAccessToken(refresh: typeof refreshTokens.$inferSelect, refreshToken: string): Promise<TokenResponse> {
  const seconds = await lifetimeSeconds(refresh.appId, refresh.accountId);
  const token = opaque("sbx-at");
  await sandboxDb()
    .insert(accessTokens)
    .values({
      token: hashToken(token),
      refreshToken: refresh.token,
      appId: refresh.appId,
      accountId: refresh.accountId,
      userId: refresh.userId,
      scopes: refresh.scopes,
      expiresAt: new Date(Date.now() + seconds * 1000),
    });
  return { access_token: token, refresh_token: refreshToken, expires_in: seconds, token_type: "bearer", hub_id: refresh.accountId };
}

/** Installs an app in an account (a refresh token) and returns its first tokens. */
export async function installApp(input: { appId: number; accountId: number; userId: number; scopes: string[] }): Promise<TokenResponse> {
  const refreshToken = opaque("sbx-rt");
  const [refresh] = await sandboxDb()
    .insert(refreshTokens)
    .values({ ...input, token: hashToken(refreshToken) })
    .returning();
  if (!refresh) throw new Error("refresh token insert returned nothing");
  return mintAccessToken(refresh, refreshToken);
}

/** `POST /oauth/v1/token` with grant_type authorization_code or refresh_token. */
export async function exchangeToken(form: URLSearchParams): Promise<TokenResponse> {
  const grantType = form.get("grant_type");
  const app = await findAppByClientId(form.get("client_id") ?? "");
  if (!app) throw new OAuthError("BAD_CLIENT_ID", "missing or unknown client id");
  if (form.get("client_secret") !== app.clientSecret) throw new OAuthError("BAD_CLIENT_SECRET", "missing or invalid client secret");
  if (grantType === "authorization_code") {
    const db = sandboxDb();
    const [code] = await db
      .update(authorizationCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(authorizationCodes.code, hashToken(form.get("code") ?? "")), eq(authorizationCodes.appId, app.id), isNull(authorizationCodes.usedAt)))
      .returning();
    if (!code || code.expiresAt.getTime() < Date.now()) throw new OAuthError("BAD_AUTH_CODE", "missing or unknown auth code");
    if (form.get("redirect_uri") !== code.redirectUri) throw new OAuthError("BAD_REDIRECT_URI", "redirect_uri does not match the one used to authorize");
    return installApp({ appId: app.id, accountId: code.accountId, userId: code.userId, scopes: code.scopes });
  }
  if (grantType === "refresh_token") {
    const refreshToken = form.get("refresh_token") ?? "";
    const [refresh] = await sandboxDb()
      .select()
      .from(refreshTokens)
      .where(and(eq(refreshTokens.token, hashToken(refreshToken)), eq(refreshTokens.appId, app.id), isNull(refreshTokens.revokedAt)));
    if (!refresh) throw new OAuthError("BAD_REFRESH_TOKEN", "missing or unknown refresh token");
    return mintAccessToken(refresh, refreshToken);
  }
  throw new OAuthError("BAD_GRANT_TYPE", `unsupported grant_type ${JSON.stringify(grantType ?? "")}`);
}

export async function accessTokenInfo(token: string) {
  const [row] = await sandboxDb().select().from(accessTokens).where(eq(accessTokens.token, hashToken(token)));
  const expiresIn = row ? Math.floor((row.expiresAt.getTime() - Date.now()) / 1000) : -1;
  if (!row || expiresIn <= 0) throw new OAuthError("INVALID_TOKEN", "Token not found or expired", 404);
  const [user] = await sandboxDb().query.users.findMany({ where: (u, { eq: equals }) => equals(u.id, row.userId), limit: 1 });
  return {
    token,
    user: user?.email ?? null,
    hub_domain: `sandbox-${row.accountId}.hubspot.test`,
    scopes: row.scopes,
    scope_to_scope_group_pks: [],
    hub_id: row.accountId,
    app_id: row.appId,
    expires_in: expiresIn,
    user_id: row.userId,
    token_type: "access",
  };
}

export async function refreshTokenInfo(token: string) {
  const [row] = await sandboxDb()
    .select()
    .from(refreshTokens)
    .where(and(eq(refreshTokens.token, hashToken(token)), isNull(refreshTokens.revokedAt)));
  if (!row) throw new OAuthError("BAD_REFRESH_TOKEN", "missing or unknown refresh token", 404);
  const [user] = await sandboxDb().query.users.findMany({ where: (u, { eq: equals }) => equals(u.id, row.userId), limit: 1 });
  return { token, user: user?.email ?? null, hub_domain: `sandbox-${row.accountId}.hubspot.test`, scopes: row.scopes, hub_id: row.accountId, client_id: "", user_id: row.userId, token_type: "refresh" };
}

/** Revoking a refresh token uninstalls: its access tokens stop working and webhooks stop. */
export async function revokeRefreshToken(token: string): Promise<void> {
  const revoked = await sandboxDb()
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.token, hashToken(token)), isNull(refreshTokens.revokedAt)))
    .returning();
  if (!revoked.length) throw new OAuthError("BAD_REFRESH_TOKEN", "missing or unknown refresh token", 404);
  await sandboxDb().delete(accessTokens).where(eq(accessTokens.refreshToken, hashToken(token)));
}

export type TokenCheck =
  | { ok: true; accountId: number; appId: number; userId: number; scopes: string[] }
  | { ok: false; reason: "missing" | "unknown" | "expired"; expiredSecondsAgo?: number };

export async function checkAccessToken(token: string | null): Promise<TokenCheck> {
  if (!token) return { ok: false, reason: "missing" };
  const [row] = await sandboxDb().select().from(accessTokens).where(eq(accessTokens.token, hashToken(token)));
  if (!row) return { ok: false, reason: "unknown" };
  const remaining = row.expiresAt.getTime() - Date.now();
  if (remaining <= 0) return { ok: false, reason: "expired", expiredSecondsAgo: Math.ceil(-remaining / 1000) };
  return { ok: true, accountId: row.accountId, appId: row.appId, userId: row.userId, scopes: row.scopes };
}
