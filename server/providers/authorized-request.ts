import type { RateLimiter } from "./rate-limiter";
import { DEFAULT_RETRY_POLICY, retryingFetch, type FetchLike, type RetryPolicy } from "./retrying-fetch";
import type { TokenSource } from "./token-source";

export interface AuthorizedTransport {
  tokens: TokenSource;
  fetch: FetchLike;
  limiters: RateLimiter[];
  retryPolicy?: RetryPolicy;
}

/**
 * A JSON request with the connection's bearer token, through its limiters and retries. A 401 means
 * the token died early (revoked, or the provider ended it): refresh once and try again.
 * Returns the answer's status and body text, whatever the status.
 */
export async function authorizedRequest(
  transport: AuthorizedTransport,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; ok: boolean; text: string }> {
  let token = await transport.tokens.current();
  for (let refreshed = false; ; refreshed = true) {
    const response = await retryingFetch(
      url,
      {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      { fetch: transport.fetch, limiters: transport.limiters, policy: transport.retryPolicy ?? DEFAULT_RETRY_POLICY },
    );
    if (response.status === 401 && !refreshed) {
      await response.body?.cancel();
      token = await transport.tokens.afterRejection(token);
      continue;
    }
    return { status: response.status, ok: response.ok, text: await response.text() };
  }
}
