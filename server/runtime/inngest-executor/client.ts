import { Inngest } from "inngest";

export const INNGEST_APP_ID = "tandem";

export interface InngestClientOptions {
  eventKey?: string;
  signingKey?: string;
  baseUrl?: string;
  /** Dev mode skips signature checks and talks to a local dev server; never in production. */
  isDev?: boolean;
  fetch?: typeof fetch;
}

export function createInngestClient(options: InngestClientOptions): Inngest {
  return new Inngest({
    id: INNGEST_APP_ID,
    ...(options.eventKey ? { eventKey: options.eventKey } : {}),
    ...(options.signingKey ? { signingKey: options.signingKey } : {}),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    isDev: options.isDev ?? false,
  });
}
