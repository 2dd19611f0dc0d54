import { describe, expect, it } from "vitest";
import { assertCountable, PLACE_LEASE_MS } from "./provider-limit-store";
import { slotting } from "./rate-window";
import { DEFAULT_RETRY_POLICY } from "./retrying-fetch";

describe("ProviderLimitStore", () => {
  it("leases a place for longer than a request attempt may take, so no live request loses its place", () => {
    expect(PLACE_LEASE_MS).toBeGreaterThan(DEFAULT_RETRY_POLICY.timeoutMs);
  });

  it("counts only what it can write into its statements", () => {
    const slots = slotting(60_000);
    expect(() => assertCountable("quickbooks:1", 500, slots, 10)).not.toThrow();
    expect(() => assertCountable("k'; drop table x", 500, slots)).toThrow(/characters/);
    expect(() => assertCountable("k", 0, slots)).toThrow(/Rate limit 0/);
    expect(() => assertCountable("k", 500, slots, 0)).toThrow(/Concurrency cap 0/);
    expect(() => assertCountable("k", 500, slotting(60 * 60_000))).toThrow(/longer than rate rows are kept/);
  });
});
