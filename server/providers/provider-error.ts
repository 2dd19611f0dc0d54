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
