import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hubspotSignatureV3, quickbooksSignature, verifyHubSpotSignature, verifyQuickBooksSignature } from "./signatures";

const secret = "client-secret";
const body = '[{"eventId":1}]';
const uri = "https://tandem.example/api/webhooks/hubspot";

describe("HubSpot v3 signatures", () => {
  const now = 1_800_000_000_000;
  const timestamp = String(now - 1000);
  const signature = hubspotSignatureV3(secret, "POST", uri, body, timestamp);

  it("is base64 HMAC-SHA256 over method, URI, body and timestamp", () => {
    const expected = createHmac("sha256", secret).update(`POST${uri}${body}${timestamp}`).digest("base64");
    expect(signature).toBe(expected);
  });

  it("accepts a fresh, correct signature", () => {
    expect(verifyHubSpotSignature({ secret, method: "POST", uri, body, signature, timestamp, now })).toBe(true);
  });

  it("decodes the listed characters in the URI before signing", () => {
    const encoded = "https://tandem.example/api/webhooks/hubspot%3Fa%3Db";
    expect(hubspotSignatureV3(secret, "POST", encoded, body, timestamp)).toBe(
      hubspotSignatureV3(secret, "POST", "https://tandem.example/api/webhooks/hubspot?a%3Db", body, timestamp),
    );
  });

  it("refuses a missing, wrong or stale signature", () => {
    expect(verifyHubSpotSignature({ secret, method: "POST", uri, body, signature: null, timestamp, now })).toBe(false);
    expect(verifyHubSpotSignature({ secret, method: "POST", uri, body: `${body} `, signature, timestamp, now })).toBe(false);
    expect(verifyHubSpotSignature({ secret: "other", method: "POST", uri, body, signature, timestamp, now })).toBe(false);
    const old = String(now - 6 * 60_000);
    const oldSignature = hubspotSignatureV3(secret, "POST", uri, body, old);
    expect(verifyHubSpotSignature({ secret, method: "POST", uri, body, signature: oldSignature, timestamp: old, now })).toBe(false);
  });
});

describe("QuickBooks signatures", () => {
  it("is base64 HMAC-SHA256 of the raw body with the verifier token", () => {
    const signature = quickbooksSignature("verifier", body);
    expect(signature).toBe(createHmac("sha256", "verifier").update(body).digest("base64"));
    expect(verifyQuickBooksSignature("verifier", body, signature)).toBe(true);
    expect(verifyQuickBooksSignature("verifier", `${body}\n`, signature)).toBe(false);
    expect(verifyQuickBooksSignature("verifier", body, null)).toBe(false);
  });
});
