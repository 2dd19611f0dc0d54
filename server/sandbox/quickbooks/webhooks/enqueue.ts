import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { SandboxExecutor } from "../store/db";
import { apps, grants, webhookDeliveries } from "../store/schema";
import { WEBHOOK_TYPES, type ListedEntityType } from "../domain/entity-types";
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

/**
 * Queues a webhook for every app connected to the company that has a webhook URL, inside the
 * writing transaction so a rolled-back change notifies nobody. The company's webhook faults apply
 * here: a dropped event is logged but never sent, a duplicated one is queued twice, a delayed one
 * is held back a random while (which also reorders events).
 */
export async function enqueueWebhooks(tx: SandboxExecutor, notice: ChangeNotice, random: () => number = Math.random): Promise<void> {
  if (!WEBHOOK_TYPES.includes(notice.entityType)) return;
  const subscribers = await tx
    .selectDistinct({ id: apps.id, webhookUrl: apps.webhookUrl, webhookFormat: apps.webhookFormat })
    .from(apps)
    .innerJoin(grants, eq(grants.appId, apps.id))
    .where(and(eq(grants.realmId, notice.company.realmId), isNull(grants.revokedAt), isNotNull(apps.webhookUrl)));
  const faults = notice.company.faults;
  const event = {
    realmId: notice.company.realmId,
    utcOffset: notice.company.utcOffset,
    entityType: notice.entityType,
    entityId: notice.entityId,
    operation: notice.operation,
    at: notice.at,
  };
  for (const app of subscribers) {
    const cloudEvents = app.webhookFormat === "cloudevents";
    const body = JSON.stringify(cloudEvents ? cloudEventsPayload(event) : legacyPayload(event));
    const dropped = random() < (faults.webhookDropRate ?? 0);
    const copies = !dropped && random() < (faults.webhookDuplicateRate ?? 0) ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      const delay = Math.floor(random() * (faults.webhookMaxDelayMs ?? 0));
      await tx.insert(webhookDeliveries).values({
        appId: app.id,
        realmId: notice.company.realmId,
        entityType: notice.entityType,
        entityId: notice.entityId,
        operation: notice.operation,
        url: app.webhookUrl!,
        body,
        contentType: cloudEvents ? "application/cloudevents+json" : "application/json",
        status: dropped ? "dropped" : "pending",
        nextAttemptAt: new Date(notice.at.getTime() + delay),
        createdAt: notice.at,
      });
    }
  }
}
