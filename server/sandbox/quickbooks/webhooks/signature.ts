import { createHmac } from "node:crypto";

/** `intuit-signature`: base64(HMAC-SHA256(verifier token, raw body)). */
export function signWebhook(verifierToken: string, rawBody: string): string {
  return createHmac("sha256", verifierToken).update(rawBody, "utf8").digest("base64");
}
