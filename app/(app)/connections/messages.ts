import type { ConnectErrorCode } from "@/server/connections/complete-connection";

export type ProviderId = "hubspot" | "quickbooks";

export const PROVIDER_NAME: Record<ProviderId, string> = { hubspot: "HubSpot", quickbooks: "QuickBooks Online" };

export const PROVIDER_ACCOUNT_NOUN: Record<ProviderId, string> = { hubspot: "account", quickbooks: "company" };

/** What the page says when a provider sends the browser back without a connection. */
export function connectErrorMessage(code: string, provider: ProviderId | null): string {
  const name = provider ? PROVIDER_NAME[provider] : "the provider";
  const messages: Record<ConnectErrorCode, string> = {
    access_denied: `You declined access in ${name}, so nothing was connected.`,
    invalid_state: `The connection to ${name} couldn't be verified as one you started here, so it was refused. Start again with Connect.`,
    state_expired: `The connection attempt to ${name} took longer than 10 minutes and expired. Start again with Connect.`,
    exchange_failed: `${name} didn't complete the connection. Try again in a moment.`,
    account_mismatch: `You approved a different ${name} ${provider ? PROVIDER_ACCOUNT_NOUN[provider] : "account"} than the connected one, so nothing changed. To switch, use “Switch ${provider ? PROVIDER_ACCOUNT_NOUN[provider] : "account"}”.`,
    not_configured: `${name} isn't configured on this server (missing client credentials).`,
  };
  return messages[code as ConnectErrorCode] ?? `Connecting ${name} failed.`;
}
