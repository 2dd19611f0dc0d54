import { describe, expect, it } from "vitest";
import { builtInProperties, customPropertyProblems, normalizeValue, propertyValueErrors } from "./properties";

const invoiceDefs = builtInProperties("invoices");

describe("property values", () => {
  it("flags unknown, read-only and invalid values", () => {
    const errors = propertyValueErrors({ nope: "1", hs_amount_paid: "1", hs_invoice_status: "late", hs_due_date: "not a date" }, invoiceDefs);
    expect(errors.map((e) => [e.name, e.error])).toEqual([
      ["nope", "PROPERTY_DOESNT_EXIST"],
      ["hs_amount_paid", "READ_ONLY_VALUE"],
      ["hs_invoice_status", "INVALID_OPTION"],
      ["hs_due_date", "INVALID_DATE"],
    ]);
    expect(propertyValueErrors({ hs_currency: "USD", hs_due_date: "1767225600000" }, invoiceDefs)).toEqual([]);
  });

  it("stores datetimes as ISO strings whatever form they came in", () => {
    const due = invoiceDefs.find((d) => d.name === "hs_due_date");
    expect(normalizeValue(due, "1767225600000")).toBe("2026-01-01T00:00:00.000Z");
    expect(normalizeValue(undefined, 5)).toBe("5");
  });
});

describe("custom properties", () => {
  it("validates names, types and duplicates", () => {
    const base = { name: "tandem_id", label: "Tandem id", type: "string" as const, fieldType: "text", groupName: "g" };
    expect(customPropertyProblems(base, invoiceDefs)).toEqual([]);
    expect(customPropertyProblems({ ...base, name: "hs_x" }, invoiceDefs)).toHaveLength(1);
    expect(customPropertyProblems({ ...base, name: "Bad Name" }, invoiceDefs)).toHaveLength(1);
    expect(customPropertyProblems({ ...base, name: "hs_title" }, invoiceDefs)).toHaveLength(1);
    expect(customPropertyProblems({ ...base, type: "enumeration" }, invoiceDefs)).toEqual(["enumeration properties need options"]);
  });
});
