import { db } from "@/server/db/client";
import { receiveQuickBooksWebhook } from "@/server/webhooks/receive";

export function POST(request: Request) {
  return receiveQuickBooksWebhook(db(), request);
}
