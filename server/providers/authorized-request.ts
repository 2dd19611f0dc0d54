import type { RateLimiter } from "./rate-limiter";
import { DEFAULT_RETRY_POLICY, retryingFetch, type FetchLike, type RetryPolicy } from "./retrying-fetch";
import type { TokenSource } from "./token-source";

export interface AuthorizedTransport {
  tokens: TokenSource;
  fetch: FetchLike;
  limiters: RateLimiter[];
  retryPolicy?: RetryPolicy;
  /** Re-send after timeouts and 5xx too (safe only for idempotent requests); 429s are always retried. */
  retryFailures?: boolean;
}

/**
 * A JSON request with the connection's bearer token, through its limiters and retries. A 401 means
 * the token died early (revoked, or the provider ended it): refresh once and try again.
 * Returns the answer's status and body (parsed JSON, or the raw text when it isn't JSON, such as
 * a proxy's HTML error page), whatever the status.
 */
export async function authorizedRequest(
  transport: AuthorizedTransport,
  method: string,
  url: string,
  body?: unknown,
  weight?: number,
): Promise<{ status: number; ok: boolean; body: unknown }> {
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
      {
        fetch: transport.fetch,
        limiters: transport.limiters,
        policy: transport.retryPolicy ?? DEFAULT_RETRY_POLICY,
        rateLimitsOnly: transport.retryFailures === false,
        weight,
      },
    );
    if (response.status === 401 && !refreshed) {
      await response.body?.cancel();
      token = await transport.tokens.afterRejection(token);
      continue;
    }
    const text = await response.text();
    return { status: response.status, ok: response.ok, body: text ? parseJsonOrText(text) : undefined };
  }
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
