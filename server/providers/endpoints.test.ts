import { describe, expect, it } from "vitest";
import { hubspotApp, hubspotEndpoints } from "./hubspot/endpoints";
import { ProviderNotConfiguredError } from "./oauth";
import { quickbooksApp } from "./quickbooks/endpoints";

describe("provider app configuration", () => {
  it("derives the callback URLs from APP_URL", () => {
    const config = { APP_URL: "https://tandem.example/", HUBSPOT_APP_ID: "7", HUBSPOT_CLIENT_ID: "id", HUBSPOT_CLIENT_SECRET: "secret" };
    expect(hubspotApp(config)).toEqual({ appId: "7", clientId: "id", clientSecret: "secret", redirectUri: "https://tandem.example/api/oauth/hubspot/callback" });
    expect(quickbooksApp({ APP_URL: "https://tandem.example", QUICKBOOKS_CLIENT_ID: "q", QUICKBOOKS_CLIENT_SECRET: "s" }).redirectUri).toBe(
      "https://tandem.example/api/oauth/quickbooks/callback",
    );
  });

  it("names the missing credentials", () => {
    const attempt = () => hubspotApp({ APP_URL: "http://x", HUBSPOT_APP_ID: undefined, HUBSPOT_CLIENT_ID: "id", HUBSPOT_CLIENT_SECRET: undefined });
    expect(attempt).toThrow(ProviderNotConfiguredError);
    expect(attempt).toThrow("set HUBSPOT_CLIENT_SECRET");
    expect(() => quickbooksApp({ APP_URL: "http://x", QUICKBOOKS_CLIENT_ID: undefined, QUICKBOOKS_CLIENT_SECRET: undefined })).toThrow(
      "set QUICKBOOKS_CLIENT_ID, QUICKBOOKS_CLIENT_SECRET",
    );
  });

  it("points HubSpot's OAuth endpoints at the configured base URL", () => {
    const endpoints = hubspotEndpoints({ HUBSPOT_BASE_URL: "https://api.hubapi.com", HUBSPOT_AUTHORIZE_URL: "https://app.hubspot.com/oauth/authorize" });
    expect(endpoints.tokenUrl).toBe("https://api.hubapi.com/oauth/v1/token");
    expect(endpoints.tokenInfoUrl("a b")).toBe("https://api.hubapi.com/oauth/v1/access-tokens/a%20b");
    expect(endpoints.revokeRefreshTokenUrl("r")).toBe("https://api.hubapi.com/oauth/v1/refresh-tokens/r");
  });
});
