import { env, type Env } from "../../env";
import { ProviderNotConfiguredError } from "../oauth";

/**
 * Where HubSpot lives. Production by default; the sandbox (or any stand-in) by pointing
 * HUBSPOT_BASE_URL and HUBSPOT_AUTHORIZE_URL at it. Every HubSpot call builds its URL from here.
 */
export interface HubspotEndpoints {
  /** The API root, e.g. `https://api.hubapi.com` (no trailing slash). */
  apiBaseUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  tokenInfoUrl(accessToken: string): string;
  revokeRefreshTokenUrl(refreshToken: string): string;
}

type EndpointConfig = Pick<Env, "HUBSPOT_BASE_URL" | "HUBSPOT_AUTHORIZE_URL">;

export function hubspotEndpoints(config: EndpointConfig = env()): HubspotEndpoints {
  const apiBaseUrl = config.HUBSPOT_BASE_URL.replace(/\/+$/, "");
  return {
    apiBaseUrl,
    authorizeUrl: config.HUBSPOT_AUTHORIZE_URL,
    tokenUrl: `${apiBaseUrl}/oauth/v1/token`,
    tokenInfoUrl: (accessToken) => `${apiBaseUrl}/oauth/v1/access-tokens/${encodeURIComponent(accessToken)}`,
    revokeRefreshTokenUrl: (refreshToken) => `${apiBaseUrl}/oauth/v1/refresh-tokens/${encodeURIComponent(refreshToken)}`,
  };
}

/** Tandem's HubSpot app: its credentials and the callback HubSpot redirects to. */
export interface HubspotApp {
  appId: string | null;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

type AppConfig = Pick<Env, "HUBSPOT_APP_ID" | "HUBSPOT_CLIENT_ID" | "HUBSPOT_CLIENT_SECRET" | "APP_URL">;

export function hubspotApp(config: AppConfig = env()): HubspotApp {
  const { HUBSPOT_CLIENT_ID: clientId, HUBSPOT_CLIENT_SECRET: clientSecret } = config;
  if (!clientId || !clientSecret) {
    throw new ProviderNotConfiguredError(
      "hubspot",
      [!clientId && "HUBSPOT_CLIENT_ID", !clientSecret && "HUBSPOT_CLIENT_SECRET"].filter((v): v is string => Boolean(v)),
    );
  }
  return {
    appId: config.HUBSPOT_APP_ID ?? null,
    clientId,
    clientSecret,
    redirectUri: `${config.APP_URL.replace(/\/+$/, "")}/api/oauth/hubspot/callback`,
  };
}

/** The scopes Tandem asks for: invoices, contacts, companies, line items, products, payments and the tax rate library. */
export const HUBSPOT_SCOPES = [
  "oauth",
  "crm.objects.invoices.read",
  "crm.objects.invoices.write",
  "crm.objects.contacts.read",
  "crm.objects.contacts.write",
  "crm.objects.companies.read",
  "crm.objects.line_items.read",
  "crm.objects.line_items.write",
  "crm.objects.products.read",
  "crm.objects.products.write",
  "crm.objects.commercepayments.read",
  "crm.objects.commercepayments.write",
  "crm.schemas.invoices.read",
  "tax_rates.read",
] as const;
