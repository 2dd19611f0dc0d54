import { describe, expect, it } from "vitest";
import { ProviderError } from "../server/providers/provider-error";
import { NonRetriableError } from "../server/runtime";
import { SyncError } from "../server/sync/errors";
import { failFastOnPermanentErrors } from "./permanent-errors";

describe("failFastOnPermanentErrors", () => {
  it("passes results through", async () => {
    await expect(failFastOnPermanentErrors(async () => 42)).resolves.toBe(42);
  });

  it("stops retries for failures no retry can fix", async () => {
    const reconnect = failFastOnPermanentErrors(() => Promise.reject(new SyncError("CONNECTION_EXPIRED", "HubSpot is not connected.")));
    await expect(reconnect).rejects.toBeInstanceOf(NonRetriableError);
    const refused = failFastOnPermanentErrors(() => Promise.reject(new ProviderError("quickbooks", 400, "Duplicate", "6240")));
    await expect(refused).rejects.toBeInstanceOf(NonRetriableError);
  });

  it("lets retryable failures and unknown errors retry", async () => {
    const busy = new ProviderError("hubspot", 429, "You have reached your ten_secondly_rolling limit.");
    await expect(failFastOnPermanentErrors(() => Promise.reject(busy))).rejects.toBe(busy);
    const bug = new TypeError("x is undefined");
    await expect(failFastOnPermanentErrors(() => Promise.reject(bug))).rejects.toBe(bug);
  });
});
