import { env, type Env } from "../../env";
import { ProviderNotConfiguredError } from "../oauth";

/**
 * Where QuickBooks Online lives. With QUICKBOOKS_BASE_URL set (the sandbox), every endpoint hangs
 * off that one URL; otherwise Intuit's production hosts are used.
 */
export interface QuickbooksEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  /** The accounting API root up to and including `/v3/company/`; append `{realmId}/{entity}`. */
  apiBaseUrl: string;
}

export const QUICKBOOKS_PRODUCTION_ENDPOINTS: QuickbooksEndpoints = {
  authorizeUrl: "https://appcenter.intuit.com/connect/oauth2",
  tokenUrl: "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
  revokeUrl: "https://developer.api.intuit.com/v2/oauth2/tokens/revoke",
  apiBaseUrl: "https://quickbooks.api.intuit.com/v3/company/",
};

export function quickbooksEndpoints(config: Pick<Env, "QUICKBOOKS_BASE_URL"> = env()): QuickbooksEndpoints {
  if (!config.QUICKBOOKS_BASE_URL) return QUICKBOOKS_PRODUCTION_ENDPOINTS;
  const base = config.QUICKBOOKS_BASE_URL.replace(/\/+$/, "");
  return {
    authorizeUrl: `${base}/connect/oauth2`,
    tokenUrl: `${base}/oauth2/v1/tokens/bearer`,
    revokeUrl: `${base}/oauth2/v1/tokens/revoke`,
    apiBaseUrl: `${base}/v3/company/`,
  };
}

/** Tandem's Intuit app: its credentials and the callback Intuit redirects to. */
export interface QuickbooksApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

type AppConfig = Pick<Env, "QUICKBOOKS_CLIENT_ID" | "QUICKBOOKS_CLIENT_SECRET" | "APP_URL">;

export function quickbooksApp(config: AppConfig = env()): QuickbooksApp {
  const { QUICKBOOKS_CLIENT_ID: clientId, QUICKBOOKS_CLIENT_SECRET: clientSecret } = config;
  if (!clientId || !clientSecret) {
    throw new ProviderNotConfiguredError(
      "quickbooks",
      [!clientId && "QUICKBOOKS_CLIENT_ID", !clientSecret && "QUICKBOOKS_CLIENT_SECRET"].filter((v): v is string => Boolean(v)),
    );
  }
  return { clientId, clientSecret, redirectUri: `${config.APP_URL.replace(/\/+$/, "")}/api/oauth/quickbooks/callback` };
}

export const QUICKBOOKS_SCOPES = ["com.intuit.quickbooks.accounting"] as const;
