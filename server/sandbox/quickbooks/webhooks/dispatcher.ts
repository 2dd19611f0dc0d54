import { and, asc, eq, lte } from "drizzle-orm";
import { effectiveTimeScale, now } from "../domain/clock";
import { sandboxDb, type SandboxDb } from "../store/db";
import { apps, companies, webhookAttempts, webhookDeliveries } from "../store/schema";
import { signWebhook } from "./signature";

/** Intuit's retry schedule after a failed delivery, in seconds; after the last step it repeats every 6 h. */
export const RETRY_SCHEDULE_SECONDS = [10, 20, 30, 300, 1200, 7200, 14_400, 21_600];
export const MAX_ATTEMPTS = 20;
/** The receiver must answer within 3 s. */
export const DELIVERY_TIMEOUT_MS = 3000;

export function retryDelaySeconds(attempt: number): number {
  return RETRY_SCHEDULE_SECONDS[Math.min(attempt - 1, RETRY_SCHEDULE_SECONDS.length - 1)]!;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

async function post(fetchImpl: Fetch, url: string, body: string, contentType: string, signature: string): Promise<{ statusCode?: number; error?: string }> {
  try {
    const response = await fetchImpl(url, {
      method: "POST",
      headers: { "content-type": contentType, "intuit-signature": signature, "user-agent": "Intuit-Webhooks-Sandbox" },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => undefined);
    return response.ok ? { statusCode: response.status } : { statusCode: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Sends every delivery that is due, once. A failure schedules the next attempt on Intuit's retry
 * schedule divided by the company's time scale. Returns how many deliveries were attempted.
 */
export async function dispatchDueWebhooks(db: SandboxDb = sandboxDb(), fetchImpl: Fetch = fetch, limit = 50): Promise<number> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now())))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    const due = [];
    for (const delivery of claimed) {
      const [context] = await tx
        .select({ verifierToken: apps.verifierToken, timeScale: companies.timeScale })
        .from(apps)
        .innerJoin(companies, eq(companies.realmId, delivery.realmId))
        .where(eq(apps.id, delivery.appId));
      if (context) due.push({ delivery, ...context });
    }
    for (const { delivery, verifierToken, timeScale } of due) {
      const attempt = delivery.attempts + 1;
      const result = await post(fetchImpl, delivery.url, delivery.body, delivery.contentType, signWebhook(verifierToken, delivery.body));
      const at = now();
      await tx.insert(webhookAttempts).values({ deliveryId: delivery.id, attempt, statusCode: result.statusCode ?? null, error: result.error ?? null, createdAt: at });
      const delivered = !result.error;
      const retryAt = new Date(at.getTime() + (retryDelaySeconds(attempt) * 1000) / effectiveTimeScale(timeScale));
      await tx
        .update(webhookDeliveries)
        .set({
          attempts: attempt,
          status: delivered ? "delivered" : attempt >= MAX_ATTEMPTS ? "failed" : "pending",
          lastStatusCode: result.statusCode ?? null,
          lastError: result.error ?? null,
          deliveredAt: delivered ? at : null,
          nextAttemptAt: delivered ? delivery.nextAttemptAt : retryAt,
        })
        .where(eq(webhookDeliveries.id, delivery.id));
    }
    return due.length;
  });
}

export interface WebhookDispatcher {
  stop(): Promise<void>;
}

/** The in-process loop that delivers webhooks; `stop` waits for the round in progress. */
export function startWebhookDispatcher(options: { db?: SandboxDb; fetch?: Fetch; intervalMs?: number } = {}): WebhookDispatcher {
  const db = options.db ?? sandboxDb();
  const intervalMs = options.intervalMs ?? 500;
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    current = dispatchDueWebhooks(db, options.fetch ?? fetch)
      .catch((error: unknown) => console.error("QuickBooks sandbox webhook dispatch failed", error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
