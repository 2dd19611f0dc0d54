import { db } from "@/server/db/client";
import { receiveHubSpotWebhook } from "@/server/webhooks/receive";

export function POST(request: Request) {
  return receiveHubSpotWebhook(db(), request);
}
