import { workflows } from "../../inngest";
import type { EmbeddedRuntimeOptions } from "../runtime/embedded/runtime";

/**
 * The runtime's settings in tests: quick polling and short backoff, so retries don't slow a test
 * down; and every workflow but the reconciliation cron. Tests ask for each reconciliation pass they
 * rely on, while a pass at a wall-clock slot would sync records and make calls in the middle of a
 * test that counts them.
 */
export const TEST_RUNTIME_SETTINGS = {
  workflows: workflows.filter((workflow) => workflow.cron === null),
  pollIntervalMs: 100,
  backoff: { baseMs: 50, maxMs: 500 },
  onError: () => {},
} satisfies Partial<EmbeddedRuntimeOptions>;
