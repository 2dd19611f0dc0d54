import { describe, expect, it } from "vitest";
import { sandboxHubSpotEnabled } from "./enabled";

describe("sandboxHubSpotEnabled", () => {
  it("is on outside production and when the product uses the sandbox", () => {
    expect(sandboxHubSpotEnabled({ NODE_ENV: "test", HUBSPOT_CLIENT_ID: "real" })).toBe(true);
    expect(sandboxHubSpotEnabled({ NODE_ENV: "production" })).toBe(true);
    expect(sandboxHubSpotEnabled({ NODE_ENV: "production", HUBSPOT_CLIENT_ID: "x", HUBSPOT_BASE_URL: "http://localhost:3000/sandbox/hubspot/api" })).toBe(true);
  });

  it("is off in production against the real HubSpot", () => {
    expect(sandboxHubSpotEnabled({ NODE_ENV: "production", HUBSPOT_CLIENT_ID: "x", HUBSPOT_BASE_URL: "https://api.hubapi.com" })).toBe(false);
    expect(sandboxHubSpotEnabled({ NODE_ENV: "production", HUBSPOT_CLIENT_ID: "x" })).toBe(false);
  });
});
