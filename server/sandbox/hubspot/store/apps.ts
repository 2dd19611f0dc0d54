import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { sandboxDb } from "./db";
import { apps } from "./schema";
import type { ObjectType } from "../domain/object-types";
import type { Subscription, SubscriptionEventType } from "../domain/webhook-events";

export type AppRow = typeof apps.$inferSelect;

export interface SubscriptionInput {
  objectType: ObjectType;
  eventType: SubscriptionEventType;
  propertyName?: string;
  active?: boolean;
}

export interface AppInput {
  name: string;
  redirectUris: string[];
  webhookUrl?: string | null;
  subscriptions?: SubscriptionInput[];
  tokenLifetimeSeconds?: number | null;
}

const withIds = (subscriptions: SubscriptionInput[]): Subscription[] =>
  subscriptions.map((s, i) => ({ id: 1_000 + i, objectType: s.objectType, eventType: s.eventType, active: s.active ?? true, ...(s.propertyName ? { propertyName: s.propertyName } : {}) }));

export async function createApp(input: AppInput): Promise<AppRow> {
  const [app] = await sandboxDb()
    .insert(apps)
    .values({
      name: input.name,
      clientId: randomUUID(),
      clientSecret: randomUUID(),
      redirectUris: input.redirectUris,
      webhookUrl: input.webhookUrl ?? null,
      subscriptions: withIds(input.subscriptions ?? []),
      tokenLifetimeSeconds: input.tokenLifetimeSeconds ?? null,
    })
    .returning();
  if (!app) throw new Error("app insert returned nothing");
  return app;
}

export async function updateApp(id: number, patch: Partial<AppInput>): Promise<AppRow | undefined> {
  const [app] = await sandboxDb()
    .update(apps)
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.redirectUris !== undefined ? { redirectUris: patch.redirectUris } : {}),
      ...(patch.webhookUrl !== undefined ? { webhookUrl: patch.webhookUrl } : {}),
      ...(patch.subscriptions !== undefined ? { subscriptions: withIds(patch.subscriptions) } : {}),
      ...(patch.tokenLifetimeSeconds !== undefined ? { tokenLifetimeSeconds: patch.tokenLifetimeSeconds } : {}),
    })
    .where(eq(apps.id, id))
    .returning();
  return app;
}

export async function getApp(id: number): Promise<AppRow | undefined> {
  if (!Number.isSafeInteger(id)) return undefined;
  const [app] = await sandboxDb().select().from(apps).where(eq(apps.id, id));
  return app;
}

export async function findAppByName(name: string): Promise<AppRow | undefined> {
  const [app] = await sandboxDb().select().from(apps).where(eq(apps.name, name));
  return app;
}

export async function listApps(): Promise<AppRow[]> {
  return sandboxDb().select().from(apps).orderBy(apps.id);
}

