import { describe, expect, it } from "vitest";
import { describeUnexpected, HubSpotApiError } from "./errors";

describe("HubSpotApiError", () => {
  it("renders HubSpot's error body", () => {
    const body = new HubSpotApiError(409, "CONFLICT", "Contact already exists. Existing ID: 5").body();
    expect(body).toMatchObject({ status: "error", message: "Contact already exists. Existing ID: 5", category: "CONFLICT", links: {} });
    expect(body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("describeUnexpected", () => {
  it("keeps query parameters (tokens) out of logs", () => {
    const error = new Error("Failed query: select ... params: sbx-at-secret", { cause: new Error("connection refused") });
    expect(describeUnexpected(error)).toBe("Error: connection refused");
    expect(describeUnexpected(new TypeError("boom"))).toBe("TypeError: boom");
  });
});
