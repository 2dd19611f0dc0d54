import { createHmac } from "node:crypto";

// HubSpot signs the URI with these escapes decoded; verifiers are told to decode them first.
const DECODED_ESCAPES: Record<string, string> = {
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

export function signedUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => DECODED_ESCAPES[escape.toUpperCase()] ?? escape);
}

/**
 * HubSpot's v3 webhook signature: base64(HMAC-SHA256(client secret, method + URI + body + timestamp)),
 * over the URI the request targets, with the escapes above decoded.
 */
export function signatureV3(input: { clientSecret: string; method: string; uri: string; body: string; timestamp: number }): string {
  return createHmac("sha256", input.clientSecret).update(`${input.method}${signedUri(input.uri)}${input.body}${input.timestamp}`).digest("base64");
}
