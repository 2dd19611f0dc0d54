import type { EmbeddedRuntimeOptions } from "../runtime/embedded/runtime";

/** The runtime's settings in tests: quick polling and short backoff, so retries don't slow a test down. */
export const TEST_RUNTIME_SETTINGS = {
  pollIntervalMs: 100,
  backoff: { baseMs: 50, maxMs: 500 },
  onError: () => {},
} satisfies Partial<EmbeddedRuntimeOptions>;
