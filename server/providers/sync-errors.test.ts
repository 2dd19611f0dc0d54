import { describe, expect, it } from "vitest";
import { ProviderError } from "./provider-error";
import { toSyncError } from "./sync-errors";

const qbo = (code: string, message = "x") => new ProviderError("quickbooks", 400, message, code);

describe("toSyncError", () => {
  it.each([
    [qbo("6240", "The name supplied already exists. : Another customer, vendor or employee is already using this name."), "DUPLICATE_DISPLAY_NAME"],
    [qbo("6240", "The name supplied already exists. : Another product or service is already using this name."), "DUPLICATE_ITEM_NAME"],
    [qbo("6140"), "DUPLICATE_DOC_NUMBER"],
    [qbo("5010"), "STALE_OBJECT"],
    [qbo("6210"), "CLOSED_PERIOD"],
    [qbo("6000", "Business Validation Error: Enter a service date for the revenue recognition line."), "SERVICE_DATE_REQUIRED"],
    [qbo("6000", "Business Validation Error: Make sure all your transactions have a tax rate"), "TAX_REQUIRED"],
    [new ProviderError("hubspot", 429, "You have reached your ten_secondly_rolling limit."), "RATE_LIMITED"],
    [new ProviderError("quickbooks", 503, "down"), "PROVIDER_UNAVAILABLE"],
    [new ProviderError("hubspot", 400, "Property values were not valid", "VALIDATION_ERROR"), "VALIDATION_FAILED"],
  ])("maps %o to %s", (error, code) => {
    expect(toSyncError(error)?.code).toBe(code);
  });

  it("reads a clash on the record_links unique indexes as a double match", () => {
    const driverError = Object.assign(new Error("duplicate key"), { code: "23505", constraint_name: "record_links_hubspot_key" });
    expect(toSyncError(new Error("Failed query", { cause: driverError }))?.code).toBe("DUPLICATE_MATCH");
    const otherClash = Object.assign(new Error("duplicate key"), { code: "23505", constraint_name: "users_email_lower_key" });
    expect(toSyncError(new Error("Failed query", { cause: otherClash }))).toBeUndefined();
  });

  it("leaves unexpected errors alone", () => {
    expect(toSyncError(new TypeError("bug"))).toBeUndefined();
  });
});
