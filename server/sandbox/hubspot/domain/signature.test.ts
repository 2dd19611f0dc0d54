import { describe, expect, it } from "vitest";
import { Signature } from "@hubspot/api-client";
import { signatureV3 } from "./signature";

describe("signatureV3", () => {
  it("is what the official client's Signature.isValid accepts", () => {
    const timestamp = Date.now();
    const input = { clientSecret: "secret", method: "POST", uri: "https://example.test/api/webhooks/hubspot?x=1", body: '[{"eventId":1}]', timestamp };
    const signature = signatureV3(input);
    expect(Signature.isValid({ signatureVersion: "v3", signature, clientSecret: "secret", requestBody: input.body, url: input.uri, method: "POST", timestamp })).toBe(true);
    expect(Signature.isValid({ signatureVersion: "v3", signature, clientSecret: "secret", requestBody: `${input.body} `, url: input.uri, method: "POST", timestamp })).toBe(false);
  });
});
