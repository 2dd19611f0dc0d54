import { asc, desc, eq, inArray } from "drizzle-orm";
import type { SandboxExecutor } from "../store/db";
import { apps, webhookAttempts, webhookDeliveries } from "../store/schema";

/** The delivery log of one company: each webhook with the changes it carries and its attempts, newest first. */
export async function webhookLog(ex: SandboxExecutor, realmId: string, limit = 100) {
  const deliveries = await ex
    .select({ delivery: webhookDeliveries, appName: apps.name })
    .from(webhookDeliveries)
    .innerJoin(apps, eq(apps.id, webhookDeliveries.appId))
    .where(eq(webhookDeliveries.realmId, realmId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
  const ids = deliveries.map((d) => d.delivery.id);
  const attempts = ids.length
    ? await ex.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, ids)).orderBy(asc(webhookAttempts.attempt))
    : [];
  return deliveries.map(({ delivery, appName }) => ({
    id: delivery.id,
    appName,
    changes: delivery.events.map(({ entityType, entityId, operation }) => ({ entityType, entityId, operation })),
    url: delivery.url,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    nextAttemptAt: delivery.nextAttemptAt.toISOString(),
    createdAt: delivery.createdAt.toISOString(),
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    body: delivery.body,
    attemptLog: attempts
      .filter((a) => a.deliveryId === delivery.id)
      .map((a) => ({ attempt: a.attempt, statusCode: a.statusCode, error: a.error, at: a.createdAt.toISOString() })),
  }));
}
