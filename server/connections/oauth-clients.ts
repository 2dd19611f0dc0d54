import type { Provider } from "../db/schema";
import { hubspotOAuth } from "../providers/hubspot/oauth";
import type { ProviderOAuth } from "../providers/oauth";
import { quickbooksOAuth } from "../providers/quickbooks/oauth";

/** How the connections layer gets a provider's OAuth client; tests pass their own. */
export type OAuthClients = Record<Provider, () => ProviderOAuth>;

/** The clients configured from the environment (production or sandbox endpoints alike). */
export const envOAuthClients: OAuthClients = {
  hubspot: () => hubspotOAuth(),
  quickbooks: () => quickbooksOAuth(),
};

export interface ConnectionServiceOptions {
  clients?: OAuthClients;
  now?: () => Date;
}

export function resolveOptions(options: ConnectionServiceOptions = {}): Required<ConnectionServiceOptions> {
  return { clients: options.clients ?? envOAuthClients, now: options.now ?? (() => new Date()) };
}
