import { createHmac } from "node:crypto";

/**
 * HubSpot's v3 webhook signature: base64(HMAC-SHA256(client secret, method + URI + body + timestamp)).
 * The URI is signed exactly as the request targets it.
 */
export function signatureV3(input: { clientSecret: string; method: string; uri: string; body: string; timestamp: number }): string {
  return createHmac("sha256", input.clientSecret).update(`${input.method}${input.uri}${input.body}${input.timestamp}`).digest("base64");
}
