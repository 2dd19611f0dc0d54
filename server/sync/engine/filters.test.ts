import { describe, expect, it } from "vitest";
import type { FilterCondition } from "../../db/schema";
import { conditionHolds, exclusionReason, type FilterGroup } from "./filters";
import type { SideRecord } from "./values";

const record: SideRecord = {
  id: "1",
  active: true,
  createdAt: "2026-03-10T12:00:00Z",
  updatedAt: "2026-03-12T08:00:00Z",
  fields: { DisplayName: "Acme Corp", Balance: 120.5, Taxable: true, Notes: "", "BillAddr.CountrySubDivisionCode": "CA", Zero: 0 },
};

const holds = (condition: FilterCondition, on: SideRecord = record) => conditionHolds(on, condition);

describe("conditionHolds", () => {
  it("tests presence, counting an empty text as not set and zero as set", () => {
    expect(holds({ field: "DisplayName", operator: "is_set" })).toBe(true);
    expect(holds({ field: "Notes", operator: "is_set" })).toBe(false);
    expect(holds({ field: "Notes", operator: "is_not_set" })).toBe(true);
    expect(holds({ field: "Missing", operator: "is_not_set" })).toBe(true);
    expect(holds({ field: "Zero", operator: "is_set" })).toBe(true);
  });

  it("compares text case-insensitively", () => {
    expect(holds({ field: "DisplayName", operator: "eq", value: "acme corp" })).toBe(true);
    expect(holds({ field: "DisplayName", operator: "neq", value: "ACME CORP" })).toBe(false);
    expect(holds({ field: "DisplayName", operator: "contains", value: "CORP" })).toBe(true);
    expect(holds({ field: "DisplayName", operator: "not_contains", value: "corp" })).toBe(false);
    expect(holds({ field: "DisplayName", operator: "not_contains", value: "ltd" })).toBe(true);
  });

  it("treats a missing value as empty: eq '' holds, contains never does, not_contains and neq do", () => {
    expect(holds({ field: "Missing", operator: "eq", value: "" })).toBe(true);
    expect(holds({ field: "Missing", operator: "eq", value: "x" })).toBe(false);
    expect(holds({ field: "Missing", operator: "neq", value: "x" })).toBe(true);
    expect(holds({ field: "Missing", operator: "contains", value: "x" })).toBe(false);
    expect(holds({ field: "Missing", operator: "not_contains", value: "x" })).toBe(true);
    for (const operator of ["gt", "gte", "lt", "lte", "in"] as const) expect(holds({ field: "Missing", operator, value: "1" })).toBe(false);
  });

  it("compares numbers as numbers, not as text", () => {
    expect(holds({ field: "Balance", operator: "gt", value: "99" })).toBe(true);
    expect(holds({ field: "Balance", operator: "lt", value: "1000" })).toBe(true);
    expect(holds({ field: "Balance", operator: "gte", value: "120.5" })).toBe(true);
    expect(holds({ field: "Balance", operator: "lte", value: "120.49" })).toBe(false);
    expect(holds({ field: "Balance", operator: "eq", value: "120.50" })).toBe(true);
  });

  it("compares dates as instants, including the record's createdAt and updatedAt", () => {
    expect(holds({ field: "createdAt", operator: "gte", value: "2026-03-01" })).toBe(true);
    expect(holds({ field: "createdAt", operator: "lt", value: "2026-03-01" })).toBe(false);
    expect(holds({ field: "updatedAt", operator: "gt", value: "2026-03-12" })).toBe(true);
    expect(holds({ field: "createdAt", operator: "is_set" }, { ...record, createdAt: undefined })).toBe(false);
  });

  it("matches `in` against a comma-separated list, trimmed and case-insensitive", () => {
    expect(holds({ field: "BillAddr.CountrySubDivisionCode", operator: "in", value: "NY, ca ,TX" })).toBe(true);
    expect(holds({ field: "BillAddr.CountrySubDivisionCode", operator: "in", value: "NY,TX" })).toBe(false);
    expect(holds({ field: "Balance", operator: "in", value: "10, 120.5" })).toBe(true);
  });

  it("compares booleans as text", () => {
    expect(holds({ field: "Taxable", operator: "eq", value: "true" })).toBe(true);
    expect(holds({ field: "Taxable", operator: "eq", value: "false" })).toBe(false);
  });
});

describe("exclusionReason", () => {
  const californian: FilterGroup = { match: "all", reason: "Only Californian customers", conditions: [{ field: "BillAddr.CountrySubDivisionCode", operator: "eq", value: "CA" }] };
  const bigOrNamed: FilterGroup = {
    match: "any",
    reason: "Small and unnamed",
    conditions: [
      { field: "Balance", operator: "gt", value: "1000" },
      { field: "DisplayName", operator: "contains", value: "acme" },
    ],
  };
  const bigAndNamed: FilterGroup = { ...bigOrNamed, match: "all", reason: "Not big and named" };

  it("is null when every group passes (no groups included)", () => {
    expect(exclusionReason(record, [])).toBeNull();
    expect(exclusionReason(record, [californian, bigOrNamed])).toBeNull();
  });

  it("gives the reason of the first group the record fails: all conditions for `all`, one for `any`", () => {
    expect(exclusionReason(record, [californian, bigAndNamed])).toBe("Not big and named");
    const texan = { ...record, fields: { ...record.fields, "BillAddr.CountrySubDivisionCode": "TX" } };
    expect(exclusionReason(texan, [californian, bigAndNamed])).toBe("Only Californian customers");
    const unnamed = { ...record, fields: { ...record.fields, DisplayName: "Zed" } };
    expect(exclusionReason(unnamed, [bigOrNamed])).toBe("Small and unnamed");
    expect(exclusionReason({ ...unnamed, fields: { ...unnamed.fields, Balance: 5000 } }, [bigOrNamed])).toBeNull();
  });
});
