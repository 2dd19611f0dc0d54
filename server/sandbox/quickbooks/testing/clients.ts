import OAuthClient from "intuit-oauth";
import QuickBooks from "node-quickbooks";
import type { SandboxHarness } from "./harness";

/**
 * The official clients pointed at a sandbox harness, as the reference says to re-point them.
 * node-quickbooks is callback-based; `call` turns one method call into `{err, body, status}` (the body
 * of a failed call is the HTTP response's, which node-quickbooks passes only as `res.data`).
 */
export function oauthClient(harness: SandboxHarness): OAuthClient {
  const client = new OAuthClient({
    clientId: harness.app.clientId,
    clientSecret: harness.app.clientSecret,
    environment: "sandbox",
    redirectUri: harness.app.redirectUri,
  });
  client.setAuthorizeURLs({
    authorizeEndpoint: `${harness.base}/connect/oauth2`,
    tokenEndpoint: `${harness.base}/oauth2/v1/tokens/bearer`,
    revokeEndpoint: `${harness.base}/oauth2/v1/tokens/revoke`,
    userInfoEndpoint: `${harness.base}/oauth2/v1/openid_connect/userinfo`,
  });
  return client;
}

export function quickbooksClient(harness: SandboxHarness, tokens: { access: string; refresh?: string }, realmId: string): QuickBooks {
  QuickBooks.V3_ENDPOINT_BASE_URL = `${harness.base}/v3/company/`;
  QuickBooks.TOKEN_URL = `${harness.base}/oauth2/v1/tokens/bearer`;
  QuickBooks.REVOKE_URL = `${harness.base}/oauth2/v1/tokens/revoke`;
  return new QuickBooks(harness.app.clientId, harness.app.clientSecret, tokens.access, false, realmId, true, false, "75", "2.0", tokens.refresh);
}

export interface CallResult {
  err: unknown;
  body: Record<string, unknown>;
  status: number | undefined;
}

type Callback = (err: unknown, body: unknown, res: { status?: number; data?: unknown } | undefined) => void;

export function call(qbo: QuickBooks, method: string, ...args: unknown[]): Promise<CallResult> {
  const fn = (qbo as unknown as Record<string, (...a: unknown[]) => void>)[method];
  if (typeof fn !== "function") throw new Error(`node-quickbooks has no ${method}`);
  return new Promise((resolve) => {
    const callback: Callback = (err, body, res) => resolve({ err, body: (body ?? res?.data ?? {}) as Record<string, unknown>, status: res?.status });
    fn.call(qbo, ...args, callback);
  });
}

/** The first Fault error of a failed node-quickbooks call. */
export function faultOf(result: CallResult): { code: string; Message: string; Detail: string; type: string } {
  const fault = result.body.Fault as { Error: { code: string; Message: string; Detail: string }[]; type: string } | undefined;
  if (!fault) throw new Error(`Expected a Fault, got ${JSON.stringify(result.body)}`);
  return { ...fault.Error[0]!, type: fault.type };
}
