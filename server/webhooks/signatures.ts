import { createHmac, timingSafeEqual } from "node:crypto";

/** HubSpot rejects signatures older than this, and so do we (a replayed request). */
export const HUBSPOT_MAX_SIGNATURE_AGE_MS = 5 * 60_000;

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** HubSpot signs the URI with these characters decoded (see shared/reference/hubspot.md). */
const DECODED_IN_URI: Record<string, string> = {
  "%3A": ":",
  "%2F": "/",
  "%3F": "?",
  "%40": "@",
  "%21": "!",
  "%24": "$",
  "%27": "'",
  "%28": "(",
  "%29": ")",
  "%2A": "*",
  "%2C": ",",
  "%3B": ";",
};

export function hubspotSignatureV3(secret: string, method: string, uri: string, body: string, timestamp: string): string {
  const decodedUri = uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (match) => DECODED_IN_URI[match.toUpperCase()] ?? match);
  return createHmac("sha256", secret).update(`${method}${decodedUri}${body}${timestamp}`).digest("base64");
}

export function verifyHubSpotSignature(input: {
  secret: string;
  method: string;
  uri: string;
  body: string;
  signature: string | null;
  timestamp: string | null;
  now?: number;
}): boolean {
  if (!input.signature || !input.timestamp) return false;
  const sentAt = Number(input.timestamp);
  const now = input.now ?? Date.now();
  if (!Number.isFinite(sentAt) || Math.abs(now - sentAt) > HUBSPOT_MAX_SIGNATURE_AGE_MS) return false;
  return safeEqual(hubspotSignatureV3(input.secret, input.method, input.uri, input.body, input.timestamp), input.signature);
}

export function quickbooksSignature(verifierToken: string, body: string): string {
  return createHmac("sha256", verifierToken).update(body).digest("base64");
}

export function verifyQuickBooksSignature(verifierToken: string, body: string, signature: string | null): boolean {
  return Boolean(signature) && safeEqual(quickbooksSignature(verifierToken, body), signature!);
}
