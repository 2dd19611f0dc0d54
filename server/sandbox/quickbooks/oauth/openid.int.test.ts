import { createPublicKey, verify } from "node:crypto";
import OAuthClient from "intuit-oauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oauthClient } from "../testing/clients";
import { approveConsent, createCompanyViaAdmin, startSandbox, type SandboxHarness } from "../testing/harness";

/** Intuit OpenID Connect: an id_token with the `openid` scope, checked with `intuit-oauth` and the published keys. */
describe("sandbox QBO OpenID Connect", () => {
  let harness: SandboxHarness;
  let realmId: string;
  const intuitJwksUri = OAuthClient.jwks_uri;

  beforeAll(async () => {
    harness = await startSandbox();
    realmId = await createCompanyViaAdmin(harness, { name: "OpenID Co" });
    // Re-pointed like the other endpoints (setAuthorizeURLs has no JWKS parameter).
    OAuthClient.jwks_uri = `${harness.base}/op/v1/jwks`;
  });
  afterAll(async () => {
    OAuthClient.jwks_uri = intuitJwksUri;
    await harness.close();
  });

  const connect = async (scope: string) => {
    const client = oauthClient(harness);
    const query = await approveConsent(harness, realmId, "oidc", scope);
    await client.createToken(`${harness.app.redirectUri}?${query.toString()}`);
    return client;
  };

  it("returns an id_token that intuit-oauth validates against the sandbox's published keys", async () => {
    const client = await connect("com.intuit.quickbooks.accounting openid email profile");
    const idToken = client.getToken().id_token;
    expect(idToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await expect(client.validateIdToken()).resolves.toBe(true);

    const [header, payload] = idToken.split(".").slice(0, 2).map((part: string) => JSON.parse(Buffer.from(part, "base64url").toString()));
    expect(header).toMatchObject({ alg: "RS256", kid: expect.any(String) });
    expect(payload).toMatchObject({ iss: "https://oauth.platform.intuit.com/op/v1", aud: [harness.app.clientId], realmid: realmId, sub: expect.any(String) });
    expect(payload.exp).toBeGreaterThan(payload.iat);

    // The user's sub is the one user info reports.
    const userInfo = await client.getUserInfo();
    expect(userInfo.json).toMatchObject({ sub: payload.sub });
  });

  it("publishes keys that verify the signature and refuse a tampered token", async () => {
    const client = await connect("com.intuit.quickbooks.accounting openid");
    const [header = "", payload = "", signature = ""] = (client.getToken().id_token as string).split(".");
    const jwks = (await (await fetch(`${harness.base}/op/v1/jwks`)).json()) as { keys: Array<Record<string, string>> };
    const kid = JSON.parse(Buffer.from(header, "base64url").toString()).kid;
    const jwk = jwks.keys.find((k) => k.kid === kid)!;
    expect(jwk).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    const key = createPublicKey({ key: jwk, format: "jwk" });
    expect(verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, "base64url"))).toBe(true);
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), realmid: "1" })).toString("base64url");
    expect(verify("RSA-SHA256", Buffer.from(`${header}.${forged}`), key, Buffer.from(signature, "base64url"))).toBe(false);
  });

  it("returns no id_token without the openid scope", async () => {
    const client = await connect("com.intuit.quickbooks.accounting");
    expect(client.getToken().id_token).toBeFalsy();
  });
});
