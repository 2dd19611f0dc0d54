import { describe, expect, it } from "vitest";
import { describeForLog } from "./log-safe-error";

describe("describeForLog", () => {
  it("names the outer error but tells only the innermost cause's message", () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "users_email_lower_key"'), { code: "23505" });
    const queryError = new Error("Failed query: insert into users ... params: ann@example.test,scrypt$32768$...", { cause: driverError });
    queryError.name = "DrizzleQueryError";
    const line = describeForLog(queryError);
    expect(line).toBe('DrizzleQueryError: duplicate key value violates unique constraint "users_email_lower_key" (23505)');
    expect(line).not.toContain("ann@example.test");
  });

  it("handles non-errors", () => {
    expect(describeForLog("boom")).toBe("string: boom");
  });
});
