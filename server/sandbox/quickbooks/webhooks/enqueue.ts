import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import type { SandboxExecutor } from "../store/db";
import { apps, grants, webhookDeliveries, type QueuedChange } from "../store/schema";
import { WEBHOOK_TYPES, type ListedEntityType } from "../domain/entity-types";
import { webhookWindowMs } from "../domain/webhook-window";
import type { CompanyRow } from "../store/records";
import { cloudEventsPayload, legacyPayload, type ChangeOperation } from "./payloads";

export type { ChangeOperation } from "./payloads";

export interface ChangeNotice {
  company: CompanyRow;
  entityType: ListedEntityType;
  entityId: string;
  operation: ChangeOperation;
  at: Date;
}

interface Subscriber {
  id: string;
  webhookUrl: string | null;
  webhookFormat: "legacy" | "cloudevents";
}

/** The signed body of a delivery carrying `changes` (all of one company). */
function bodyOf(app: Subscriber, company: CompanyRow, changes: QueuedChange[]): { body: string; contentType: string } {
  const events = changes.map((change) => ({
    ...change,
    operation: change.operation as ChangeOperation,
    at: new Date(change.at),
    realmId: company.realmId,
    utcOffset: company.utcOffset,
  }));
  return app.webhookFormat === "cloudevents"
    ? { body: JSON.stringify(cloudEventsPayload(events)), contentType: "application/cloudevents+json" }
    : { body: JSON.stringify(legacyPayload(events)), contentType: "application/json" };
}

async function insertDelivery(tx: SandboxExecutor, app: Subscriber, company: CompanyRow, change: QueuedChange, values: { status: "pending" | "dropped"; dueAt: Date; windowed: boolean; at: Date }) {
  await tx.insert(webhookDeliveries).values({
    appId: app.id,
    realmId: company.realmId,
    events: [change],
    windowed: values.windowed,
    url: app.webhookUrl!,
    ...bodyOf(app, company, [change]),
    status: values.status,
    nextAttemptAt: values.dueAt,
    createdAt: values.at,
  });
}

/**
 * Adds the change to the app's open batch for the company (a windowed delivery not yet due), or
 * opens one due when the window closes. The writer holds the company's row lock, so one company's
 * changes are batched one at a time; the row lock here keeps the dispatcher off a batch being grown.
 */
async function addToBatch(tx: SandboxExecutor, app: Subscriber, company: CompanyRow, change: QueuedChange, at: Date, windowMs: number): Promise<void> {
  const [open] = await tx
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.appId, app.id),
        eq(webhookDeliveries.realmId, company.realmId),
        eq(webhookDeliveries.windowed, true),
        eq(webhookDeliveries.status, "pending"),
        eq(webhookDeliveries.attempts, 0),
        gt(webhookDeliveries.nextAttemptAt, at),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(1)
    .for("update");
  if (!open) {
    await insertDelivery(tx, app, company, change, { status: "pending", dueAt: new Date(at.getTime() + windowMs), windowed: true, at });
    return;
  }
  const events = [...open.events, change];
  await tx
    .update(webhookDeliveries)
    .set({ events, ...bodyOf(app, company, events) })
    .where(eq(webhookDeliveries.id, open.id));
}

/**
 * Queues the change for every app connected to the company that has a webhook URL, inside the
 * writing transaction so a rolled-back change notifies nobody. Changes are gathered per app and
 * company over the webhook window and sent together, as Intuit does. The company's webhook faults
 * apply per change: a dropped one is logged but never sent, a duplicated one is also sent in a
 * POST of its own, a delayed one is held back a random while in a POST of its own (which also
 * reorders changes).
 */
export async function enqueueWebhooks(tx: SandboxExecutor, notice: ChangeNotice, random: () => number = Math.random): Promise<void> {
  if (!WEBHOOK_TYPES.includes(notice.entityType)) return;
  const subscribers = await tx
    .selectDistinct({ id: apps.id, webhookUrl: apps.webhookUrl, webhookFormat: apps.webhookFormat })
    .from(apps)
    .innerJoin(grants, eq(grants.appId, apps.id))
    .where(and(eq(grants.realmId, notice.company.realmId), isNull(grants.revokedAt), isNotNull(apps.webhookUrl)));
  const { company, at } = notice;
  const faults = company.faults;
  const windowMs = webhookWindowMs(company.timeScale);
  for (const app of subscribers) {
    const change: QueuedChange = { id: randomUUID(), entityType: notice.entityType, entityId: notice.entityId, operation: notice.operation, at: at.toISOString() };
    if (random() < (faults.webhookDropRate ?? 0)) {
      await insertDelivery(tx, app, company, change, { status: "dropped", dueAt: at, windowed: false, at });
      continue;
    }
    const copies = random() < (faults.webhookDuplicateRate ?? 0) ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      const delay = Math.floor(random() * (faults.webhookMaxDelayMs ?? 0));
      if (copy === 0 && delay === 0) await addToBatch(tx, app, company, change, at, windowMs);
      else await insertDelivery(tx, app, company, change, { status: "pending", dueAt: new Date(at.getTime() + windowMs + delay), windowed: false, at });
    }
  }
}
