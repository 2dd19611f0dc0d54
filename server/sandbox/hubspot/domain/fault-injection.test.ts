import { describe, expect, it } from "vitest";
import { parseFaults } from "./fault-injection";

describe("parseFaults", () => {
  it("accepts rates and counts", () => {
    expect(parseFaults({ serverErrorRate: 0.5, rateLimitNext: 2, webhookMaxDelayMs: 100 })).toEqual({ faults: { serverErrorRate: 0.5, rateLimitNext: 2, webhookMaxDelayMs: 100 } });
  });

  it("rejects out-of-range values and unknown keys", () => {
    expect(parseFaults({ serverErrorRate: 1.5, latencyMs: -1, other: true })).toEqual({
      problems: ["unknown fault other", "serverErrorRate must be a number between 0 and 1", "latencyMs must be a non-negative integer"],
    });
    expect(parseFaults([])).toEqual({ problems: ["body must be a JSON object"] });
  });
});
