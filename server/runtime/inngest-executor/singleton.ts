import type { Inngest } from "inngest";
import { env } from "../../env";
import { createInngestClient } from "./client";

// Next's dev server re-evaluates modules on reload; one client per process is enough.
const globalForInngest = globalThis as unknown as { tandemInngest?: Inngest };

/** The Inngest client configured from the environment (SYNC_RUNTIME=inngest). */
export function inngestClient(): Inngest {
  if (!globalForInngest.tandemInngest) {
    const config = env();
    globalForInngest.tandemInngest = createInngestClient({
      eventKey: config.INNGEST_EVENT_KEY,
      signingKey: config.INNGEST_SIGNING_KEY,
      baseUrl: config.INNGEST_BASE_URL,
    });
  }
  return globalForInngest.tandemInngest;
}
