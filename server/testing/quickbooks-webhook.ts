import { quickbooksSignature } from "../webhooks/signatures";
import type { Stack } from "./stack";

/** A signed QuickBooks webhook POST to Tandem, as Intuit sends it; answers the intake's counts. */
export async function postQuickBooksNotification(stack: Stack, payload: unknown): Promise<{ stored: number; duplicates: number; ownWrites: number }> {
  const raw = JSON.stringify(payload);
  const response = await fetch(`${stack.origin}/api/webhooks/quickbooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "intuit-signature": quickbooksSignature(stack.quickbooksApp.verifierToken, raw) },
    body: raw,
  });
  if (response.status !== 200) throw new Error(`The QuickBooks webhook answered ${response.status}`);
  return response.json() as Promise<{ stored: number; duplicates: number; ownWrites: number }>;
}

/** One QuickBooks entity notification for the company (the legacy format). */
export const entityNotification = (realmId: string, name: "Customer" | "Item" | "Invoice", id: string, operation: "Create" | "Update", lastUpdated: string) => ({
  eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name, id, operation, lastUpdated }] } }],
});
