import { describe, expect, it } from "vitest";
import { reconcileCron, reconcileIntervalMinutes } from "./reconcile-interval";

describe("reconcileIntervalMinutes", () => {
  it("is 5 minutes unless RECONCILE_INTERVAL_MINUTES says otherwise", () => {
    expect(reconcileIntervalMinutes({})).toBe(5);
    expect(reconcileIntervalMinutes({ RECONCILE_INTERVAL_MINUTES: "" })).toBe(5);
    expect(reconcileIntervalMinutes({ RECONCILE_INTERVAL_MINUTES: "1" })).toBe(1);
    expect(reconcileCron(reconcileIntervalMinutes({ RECONCILE_INTERVAL_MINUTES: "15" }))).toBe("*/15 * * * *");
  });

  it("refuses an interval that doesn't divide the hour, or isn't a number", () => {
    expect(() => reconcileIntervalMinutes({ RECONCILE_INTERVAL_MINUTES: "7" })).toThrow(/must be one of/);
    expect(() => reconcileIntervalMinutes({ RECONCILE_INTERVAL_MINUTES: "five" })).toThrow(/must be one of/);
  });
});
