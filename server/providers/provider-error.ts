import type { Provider } from "../db/schema";

/** A provider's answer that wasn't a success, after retries; `code` is the provider's own error code. */
export class ProviderError extends Error {
  constructor(
    readonly provider: Provider,
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

/** For reads where "not there" is an answer: a 404 becomes undefined, anything else still fails. */
export function undefinedIfNotFound(error: unknown): undefined {
  if (error instanceof ProviderError && error.status === 404) return undefined;
  throw error;
}
