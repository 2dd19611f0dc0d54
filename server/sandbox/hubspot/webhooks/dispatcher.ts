import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { sandboxDb } from "../store/db";
import { accounts, apps, webhookDeliveries, webhookEvents, type DeliveryAttempt } from "../store/schema";
import { chunk, MAX_DELIVERY_ATTEMPTS, retryDelayMs, type WebhookEvent } from "../domain/webhook-events";
import { signatureV3 } from "../domain/signature";
import { timeScaleOf } from "../store/accounts";
import { describeUnexpected } from "../domain/errors";

const BATCH_SIZE = 100;
const RESPONSE_TIMEOUT_MS = 5_000;
const MAX_CONCURRENT_SENDS = 10;
// A claimed delivery is invisible to other dispatchers for this long (a crash mid-send retries it).
const LEASE_MS = 30_000;

/** Groups events that are due into batches (≤ 100 per app and account), applying drop/duplicate faults. */
async function batchDueEvents(now: Date): Promise<number> {
  return sandboxDb().transaction(async (tx) => {
    const locked = await tx
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(and(isNull(webhookEvents.deliveryId), lte(webhookEvents.availableAt, now)))
      .orderBy(asc(webhookEvents.availableAt), asc(webhookEvents.id))
      .limit(2_000)
      .for("update", { skipLocked: true });
    if (!locked.length) return 0;
    const due = await tx
      .select({ id: webhookEvents.id, appId: webhookEvents.appId, accountId: webhookEvents.accountId, event: webhookEvents.event, webhookUrl: apps.webhookUrl, faults: accounts.faults })
      .from(webhookEvents)
      .innerJoin(apps, eq(apps.id, webhookEvents.appId))
      .innerJoin(accounts, eq(accounts.id, webhookEvents.accountId))
      .where(inArray(webhookEvents.id, locked.map((l) => l.id)))
      .orderBy(asc(webhookEvents.availableAt), asc(webhookEvents.id));
    const groups = new Map<string, typeof due>();
    for (const row of due) groups.set(`${row.appId}:${row.accountId}`, [...(groups.get(`${row.appId}:${row.accountId}`) ?? []), row]);
    let created = 0;
    for (const rows of groups.values()) {
      for (const batch of chunk(rows, BATCH_SIZE)) {
        const first = batch[0];
        if (!first) continue;
        const events: WebhookEvent[] = batch.map((r) => ({ ...r.event, eventId: r.id }));
        const dropped = Math.random() < (first.faults.webhookDropRate ?? 0);
        const copies = !dropped && Math.random() < (first.faults.webhookDuplicateRate ?? 0) ? 2 : 1;
        let deliveryId = 0;
        for (let copy = 0; copy < copies; copy++) {
          const [delivery] = await tx
            .insert(webhookDeliveries)
            .values({ appId: first.appId, accountId: first.accountId, targetUrl: first.webhookUrl ?? "", events, status: dropped || !first.webhookUrl ? "dropped" : "pending", nextAttemptAt: now })
            .returning({ id: webhookDeliveries.id });
          deliveryId = delivery?.id ?? deliveryId;
          created++;
        }
        await tx.update(webhookEvents).set({ deliveryId }).where(inArray(webhookEvents.id, batch.map((r) => r.id)));
      }
    }
    return created;
  });
}

async function claimDueDeliveries(now: Date, limit: number) {
  const lease = new Date(now.getTime() + LEASE_MS);
  return sandboxDb().execute<{ id: number }>(sql`
    update ${webhookDeliveries} set next_attempt_at = ${lease.toISOString()}
    where id in (
      select id from ${webhookDeliveries}
      where status = 'pending' and next_attempt_at <= ${now.toISOString()}
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked
    )
    returning id`);
}

export interface SendResult {
  status: number | null;
  error: string | null;
}

async function send(url: string, clientSecret: string, body: string): Promise<SendResult> {
  const timestamp = Date.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "HubSpot Connect 2.0 (http://dev.hubspot.com/) (sandbox)",
        "x-hubspot-request-timestamp": String(timestamp),
        "x-hubspot-signature-v3": signatureV3({ clientSecret, method: "POST", uri: url, body, timestamp }),
        "x-hubspot-signature": createHash("sha256").update(clientSecret + body).digest("hex"),
        "x-hubspot-signature-version": "v1",
      },
      body,
      signal: AbortSignal.timeout(RESPONSE_TIMEOUT_MS),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { status: null, error: error instanceof Error ? error.message : String(error) };
  }
}

async function deliver(id: number): Promise<void> {
  const [row] = await sandboxDb()
    .select({ delivery: webhookDeliveries, clientSecret: apps.clientSecret, timeScale: accounts.timeScale })
    .from(webhookDeliveries)
    .innerJoin(apps, eq(apps.id, webhookDeliveries.appId))
    .innerJoin(accounts, eq(accounts.id, webhookDeliveries.accountId))
    .where(eq(webhookDeliveries.id, id));
  if (!row) return;
  const attemptNumber = row.delivery.attempts.length;
  const body = JSON.stringify(row.delivery.events.map((e) => ({ ...e, attemptNumber })));
  const result = await send(row.delivery.targetUrl, row.clientSecret, body);
  const attempts: DeliveryAttempt[] = [...row.delivery.attempts, { attemptNumber, at: new Date().toISOString(), ...result }];
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  const exhausted = attempts.length >= MAX_DELIVERY_ATTEMPTS;
  await sandboxDb()
    .update(webhookDeliveries)
    .set({
      attempts,
      status: ok ? "delivered" : exhausted ? "failed" : "pending",
      nextAttemptAt: new Date(Date.now() + (ok || exhausted ? 0 : retryDelayMs(attempts.length, timeScaleOf(row)))),
    })
    .where(eq(webhookDeliveries.id, id));
}

/** One pass: batch due events, then send due deliveries (≤ 10 at a time, like HubSpot per account). */
export async function dispatchDueWebhooks(): Promise<{ batched: number; sent: number }> {
  const now = new Date();
  const batched = await batchDueEvents(now);
  let sent = 0;
  for (;;) {
    const claimed = await claimDueDeliveries(new Date(), MAX_CONCURRENT_SENDS);
    if (!claimed.length) break;
    await Promise.all(claimed.map((c) => deliver(Number(c.id))));
    sent += claimed.length;
  }
  return { batched, sent };
}

/** Runs the dispatcher in-process every `intervalMs`; returns a stop function that awaits the current pass. */
export function startWebhookDispatcher(options: { intervalMs?: number } = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 500;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    current = dispatchDueWebhooks()
      .catch((error: unknown) => console.error("sandbox hubspot webhooks:", describeUnexpected(error)))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}
