import { describe, expect, it } from "vitest";
import { safeCallback } from "./safe-callback";

describe("safeCallback", () => {
  it("keeps paths on this site", () => {
    expect(safeCallback("/records?state=failed")).toBe("/records?state=failed");
    expect(safeCallback("/sync#contacts")).toBe("/sync#contacts");
  });

  it.each(["//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example/", "evil", ""])("refuses %j", (value) => {
    expect(safeCallback(value)).toBe("/connections");
  });

  it("refuses missing or repeated values", () => {
    expect(safeCallback(undefined)).toBe("/connections");
    expect(safeCallback(["/a", "/b"])).toBe("/connections");
  });
});
