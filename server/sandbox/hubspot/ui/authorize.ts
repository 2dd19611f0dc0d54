import { createAccount, getAccount, usersOf } from "../store/accounts";
import { findAppByClientId, issueAuthorizationCode } from "../oauth/tokens";
import { sandboxDisabledResponse, sandboxHubSpotEnabled } from "../enabled";

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
}

/** A request is only served when the client id is known and the redirect URI registered exactly. */
export async function validateAuthorizeRequest(request: AuthorizeRequest): Promise<{ ok: true; appId: number; appName: string } | { ok: false; message: string }> {
  const app = request.clientId ? await findAppByClientId(request.clientId) : undefined;
  if (!app) return { ok: false, message: "Unknown client_id: no app with this client id is registered in the sandbox." };
  if (!app.redirectUris.includes(request.redirectUri)) {
    return { ok: false, message: `redirect_uri ${request.redirectUri || "(missing)"} is not registered for ${app.name}.` };
  }
  return { ok: true, appId: app.id, appName: app.name };
}

const withParams = (uri: string, params: Record<string, string>): string => {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
  return url.toString();
};

/** Approve → a code for the chosen (or new) account; Deny → `error=access_denied`. Returns where to send the browser. */
export async function decideAuthorization(input: AuthorizeRequest & { decision: "approve" | "deny"; accountId: string; newAccountName: string }): Promise<string> {
  const checked = await validateAuthorizeRequest(input);
  if (!checked.ok) throw new Error(checked.message);
  if (input.decision === "deny") {
    return withParams(input.redirectUri, { error: "access_denied", error_description: "The user denied the request.", state: input.state });
  }
  let accountId: number;
  let userId: number;
  if (input.accountId === "new" || !input.accountId) {
    const created = await createAccount({ name: input.newAccountName.trim() || "Sandbox account" });
    accountId = created.account.id;
    userId = created.user.id;
  } else {
    const account = await getAccount(Number(input.accountId));
    const [user] = account ? await usersOf(account.id) : [];
    if (!account || !user) throw new Error(`No sandbox account ${input.accountId}`);
    accountId = account.id;
    userId = user.id;
  }
  const scopes = input.scope.split(/[\s+]+/).filter(Boolean);
  const code = await issueAuthorizationCode({ appId: checked.appId, accountId, userId, redirectUri: input.redirectUri, scopes });
  return withParams(input.redirectUri, { code, state: input.state });
}

/**
 * POST from the consent form: answers with a real 303 to the app's redirect URI, as HubSpot does,
 * so the app's callback runs in a full page load.
 */
export async function handleAuthorizeDecision(request: Request): Promise<Response> {
  if (!sandboxHubSpotEnabled()) return sandboxDisabledResponse();
  const form = await request.formData();
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  try {
    const target = await decideAuthorization({
      clientId: field("client_id"),
      redirectUri: field("redirect_uri"),
      scope: field("scope"),
      state: field("state"),
      decision: field("decision") === "approve" ? "approve" : "deny",
      accountId: field("account"),
      newAccountName: field("new_account_name"),
    });
    return new Response(null, { status: 303, headers: { location: target } });
  } catch (error) {
    return new Response(`This authorization request can't be completed: ${(error as Error).message}`, {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
}
