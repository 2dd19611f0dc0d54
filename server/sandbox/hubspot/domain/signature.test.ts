import { describe, expect, it } from "vitest";
import { Signature } from "@hubspot/api-client";
import { signatureV3, signedUri } from "./signature";

describe("signatureV3", () => {
  it("is what the official client's Signature.isValid accepts", () => {
    const timestamp = Date.now();
    const input = { clientSecret: "secret", method: "POST", uri: "https://example.test/api/webhooks/hubspot?x=1", body: '[{"eventId":1}]', timestamp };
    const signature = signatureV3(input);
    expect(Signature.isValid({ signatureVersion: "v3", signature, clientSecret: "secret", requestBody: input.body, url: input.uri, method: "POST", timestamp })).toBe(true);
    expect(Signature.isValid({ signatureVersion: "v3", signature, clientSecret: "secret", requestBody: `${input.body} `, url: input.uri, method: "POST", timestamp })).toBe(false);
  });

  it("signs the URI with HubSpot's listed escapes decoded, others kept", () => {
    expect(signedUri("https://x.test/hook?to=a%40b.com&t=%3a%2F%20")).toBe("https://x.test/hook?to=a@b.com&t=:/%20");
    const timestamp = 1;
    const signature = signatureV3({ clientSecret: "s", method: "POST", uri: "https://x.test/h?a=%40", body: "[]", timestamp });
    expect(Signature.getSignature("POST", "v3", { signature, clientSecret: "s", requestBody: "[]", url: "https://x.test/h?a=@", timestamp })).toBe(signature);
  });
});
