import { now } from "../domain/clock";
import { CompanyInputError, createCompany } from "../store/companies";
import type { SandboxDb } from "../store/db";
import { asString } from "../domain/documents";
import {
  authenticateClient,
  exchangeAuthorizationCode,
  findAppByClientId,
  issueAuthorizationCode,
  OAuthError,
  refreshTokens,
  revokeToken,
  verifyAccessToken,
} from "../oauth/tokens";
import * as store from "../store/records";
import { ownerSub, publishedKeys } from "../oauth/id-token";
import { renderAuthorizeError, renderAuthorizePage } from "../ui/authorize-page";
import { authFailureBody, jsonResponse, newIntuitTid } from "./respond";

/**
 * Intuit's OAuth 2.0 endpoints: the consent page (`/connect/oauth2`), the token endpoint
 * (`/oauth2/v1/tokens/bearer`), revoke (`/oauth2/v1/tokens/revoke`), user info and the OpenID
 * signing keys (`/op/v1/jwks`).
 */
const ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";
const AUTHORIZE_PARAMS = ["client_id", "response_type", "scope", "redirect_uri", "state"] as const;

function html(body: string, status: number): Response {
  return new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8", intuit_tid: newIntuitTid() } });
}

function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { location, intuit_tid: newIntuitTid() } });
}

function oauthError(error: OAuthError): Response {
  return jsonResponse({ error: error.error, error_description: error.description }, error.status, newIntuitTid(), "application/json");
}

/** Form-encoded or JSON bodies (the token endpoint takes forms; revoke is JSON in Intuit's SDK, a form in others). */
async function readParams(request: Request): Promise<URLSearchParams> {
  const text = await request.text();
  if ((request.headers.get("content-type") ?? "").includes("application/json")) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(parsed).flatMap(([k, v]) => (asString(v) !== undefined ? [[k, asString(v)!]] : [])));
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(text);
}

async function authorize(db: SandboxDb, request: Request, url: URL): Promise<Response> {
  const params = request.method === "POST" ? await readParams(request) : url.searchParams;
  const clientId = params.get("client_id") ?? "";
  const redirectUri = params.get("redirect_uri") ?? "";
  const state = params.get("state") ?? "";
  const app = clientId ? await findAppByClientId(db, clientId) : undefined;
  if (!app) return html(renderAuthorizeError("Unknown client_id: this app is not registered with the sandbox."), 400);
  if (!app.redirectUris.includes(redirectUri)) {
    return html(renderAuthorizeError(`The redirect_uri ${redirectUri || "(none)"} is not registered for ${app.name}.`), 400);
  }
  const back = (query: Record<string, string>) => {
    const target = new URL(redirectUri);
    for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
    return redirect(target.toString());
  };
  if (params.get("response_type") !== "code") return back({ error: "unsupported_response_type", state });
  if (!(params.get("scope") ?? "").split(/\s+/).includes(ACCOUNTING_SCOPE)) return back({ error: "invalid_scope", state });

  const hidden = Object.fromEntries(AUTHORIZE_PARAMS.map((k) => [k, params.get(k) ?? ""]));
  const page = async (error?: string) => {
    const companies = (await store.listCompanies(db)).map((c) => ({ realmId: c.realmId, name: c.name, country: String(c.companyInfo.Country ?? "US") }));
    return html(renderAuthorizePage({ appName: app.name, hidden, companies, error }), error ? 400 : 200);
  };
  if (request.method !== "POST") return page();

  if (params.get("decision") !== "approve") return back({ error: "access_denied", state });
  let realmId = params.get("realmId") ?? "";
  if (realmId === "new") {
    try {
      realmId = await createCompany(db, { name: params.get("companyName") ?? "", country: params.get("country") ?? "US" });
    } catch (error) {
      if (error instanceof CompanyInputError) return page(error.message);
      throw error;
    }
  } else if (!(await store.findCompany(db, realmId))) {
    return page("Choose a company to connect.");
  }
  const code = await issueAuthorizationCode(db, app, realmId, redirectUri, (params.get("scope") ?? "").split(/\s+/).filter(Boolean));
  return back({ code, state, realmId });
}

async function token(db: SandboxDb, request: Request): Promise<Response> {
  try {
    const app = await authenticateClient(db, request.headers.get("authorization"));
    const params = await readParams(request);
    const grantType = params.get("grant_type");
    let response;
    if (grantType === "authorization_code") response = await exchangeAuthorizationCode(db, app, params.get("code"), params.get("redirect_uri"));
    else if (grantType === "refresh_token") response = await refreshTokens(db, app, params.get("refresh_token"));
    else throw new OAuthError("unsupported_grant_type", `grant_type ${grantType ?? "(none)"} is not supported`);
    return new Response(JSON.stringify(response), {
      status: 200,
      headers: { "content-type": "application/json;charset=UTF-8", "cache-control": "no-store", intuit_tid: newIntuitTid() },
    });
  } catch (error) {
    if (error instanceof OAuthError) return oauthError(error);
    throw error;
  }
}

async function revoke(db: SandboxDb, request: Request): Promise<Response> {
  try {
    const app = await authenticateClient(db, request.headers.get("authorization"));
    const value = (await readParams(request)).get("token");
    if (!value) throw new OAuthError("invalid_request", "token is required");
    await revokeToken(db, app, value);
    return new Response(null, { status: 200, headers: { intuit_tid: newIntuitTid() } });
  } catch (error) {
    if (error instanceof OAuthError) return oauthError(error);
    throw error;
  }
}

async function userInfo(db: SandboxDb, request: Request): Promise<Response> {
  const check = await verifyAccessToken(db, request.headers.get("authorization"));
  if (!check.ok) return jsonResponse(authFailureBody(401, "Token invalid", now()), 401, newIntuitTid());
  return jsonResponse(
    { sub: ownerSub(check.access.grant.realmId), email: "owner@sandbox.example", emailVerified: true, givenName: "Sandbox", familyName: "Owner" },
    200,
    newIntuitTid(),
  );
}

export function createOAuthHandler(options: { db: SandboxDb }): (request: Request) => Promise<Response> {
  const { db } = options;
  return async (request) => {
    const url = new URL(request.url);
    const path = url.pathname.replace(/\/+$/, "");
    const method = request.method.toUpperCase();
    if (path.endsWith("/connect/oauth2") && (method === "GET" || method === "POST")) return authorize(db, request, url);
    if (path.endsWith("/oauth2/v1/tokens/bearer") && method === "POST") return token(db, request);
    if (path.endsWith("/oauth2/v1/tokens/revoke") && method === "POST") return revoke(db, request);
    if (path.endsWith("/oauth2/v1/openid_connect/userinfo") && method === "GET") return userInfo(db, request);
    if (path.endsWith("/op/v1/jwks") && method === "GET") return jsonResponse(await publishedKeys(db), 200, newIntuitTid(), "application/json");
    return jsonResponse({ error: "not_found" }, 404, newIntuitTid(), "application/json");
  };
}
