import type { ObjectType } from "./domain/object-types";
import { SUBSCRIPTION_EVENT_TYPES } from "./domain/webhook-events";
import { ensureDemoAccount } from "./store/seed";
import { createApp, findAppByName, updateApp, type SubscriptionInput } from "./store/apps";

export const DEV_APP_NAME = "Tandem (dev)";

const SUBSCRIBED: ObjectType[] = ["contacts", "products", "line_items", "invoices", "commerce_payments"];

/**
 * Registers the product's own dev app in the sandbox (idempotent: updates its URLs if the app URL
 * changed) and seeds the demo account, so `npm start` works with no HubSpot credentials.
 */
export async function ensureDevApp({ appUrl }: { appUrl: string }): Promise<{ appId: number; clientId: string; clientSecret: string }> {
  const subscriptions: SubscriptionInput[] = SUBSCRIBED.flatMap((objectType) =>
    SUBSCRIPTION_EVENT_TYPES.map((eventType) => ({ objectType, eventType })),
  );
  const settings = {
    redirectUris: [`${appUrl}/api/oauth/hubspot/callback`],
    webhookUrl: `${appUrl}/api/webhooks/hubspot`,
    subscriptions,
  };
  const existing = await findAppByName(DEV_APP_NAME);
  const app = existing ? await updateApp(existing.id, settings) : await createApp({ name: DEV_APP_NAME, ...settings });
  if (!app) throw new Error("the dev app vanished while being updated");
  await ensureDemoAccount();
  return { appId: app.id, clientId: app.clientId, clientSecret: app.clientSecret };
}
