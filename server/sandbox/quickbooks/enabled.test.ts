import { describe, expect, it } from "vitest";
import { sandboxQuickBooksEnabled } from "./enabled";

describe("sandboxQuickBooksEnabled", () => {
  it("is on outside production and when the product uses the sandbox", () => {
    expect(sandboxQuickBooksEnabled({ NODE_ENV: "test", QUICKBOOKS_CLIENT_ID: "real" })).toBe(true);
    expect(sandboxQuickBooksEnabled({ NODE_ENV: "production" })).toBe(true);
    expect(sandboxQuickBooksEnabled({ NODE_ENV: "production", QUICKBOOKS_CLIENT_ID: "x", QUICKBOOKS_BASE_URL: "http://localhost:3000/sandbox/quickbooks" })).toBe(true);
  });

  it("is off in production against the real QuickBooks Online", () => {
    expect(sandboxQuickBooksEnabled({ NODE_ENV: "production", QUICKBOOKS_CLIENT_ID: "x", QUICKBOOKS_BASE_URL: "https://quickbooks.api.intuit.com" })).toBe(false);
    expect(sandboxQuickBooksEnabled({ NODE_ENV: "production", QUICKBOOKS_CLIENT_ID: "x" })).toBe(false);
  });
});
