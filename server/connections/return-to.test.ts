import { describe, expect, it } from "vitest";
import { isSafeReturnTo } from "./return-to";

describe("isSafeReturnTo", () => {
  it("accepts paths on Tandem itself", () => {
    for (const path of ["/setup?step=connect", "/connections", "/sync/invoices/settings#mappings"]) expect(isSafeReturnTo(path), path).toBe(true);
  });

  it("refuses anything that leaves the site or is not a path", () => {
    for (const value of ["//evil.test/x", "/\\evil.test", "\\\\evil.test", "https://evil.test/setup", "javascript:alert(1)", "setup", "", "/\t/evil.test", "/%0a/evil.test\n"]) {
      expect(isSafeReturnTo(value), JSON.stringify(value)).toBe(false);
    }
  });
});
