import { describe, expect, it } from "vitest";
import { encodeLines } from "../engine/lines";
import { actionLabel, formatMoney, presentValue, snapshotCurrency, snapshotLines } from "./present-values";

const lines = encodeLines([
  { sku: "WID-001", description: "Widget", quantity: 2, unitPrice: 25 },
  { sku: null, description: "Setup fee", quantity: 1, unitPrice: 40 },
  { sku: "SVC-CONSULT", description: null, quantity: 1.5, unitPrice: 150, serviceDate: "2026-11-01", taxCode: "TAX" },
]);

describe("values as the activity and the record page show them", () => {
  it("turn an invoice's lines into one readable row per line, in the invoice's currency", () => {
    expect(lines).toBe('[["WID-001","Widget",2,25],[null,"Setup fee",1,40],["SVC-CONSULT",null,1.5,150,"2026-11-01",{"tax":"TAX"}]]');
    expect(presentValue("lines", lines, "USD")).toEqual([
      "2 × Widget (WID-001) at $25.00",
      "1 × Setup fee at $40.00",
      "1.5 × SVC-CONSULT at $150.00, service date 2026-11-01, tax code TAX",
    ]);
    expect(presentValue("lines", lines, null)).toEqual(["2 × Widget (WID-001) at 25.00", "1 × Setup fee at 40.00", "1.5 × SVC-CONSULT at 150.00, service date 2026-11-01, tax code TAX"]);
    expect(snapshotLines("EUR", null, { lines })[0]).toBe("2 × Widget (WID-001) at €25.00");
    expect(snapshotLines("USD", null, { name: "x" })).toEqual([]);
  });

  it("leave other fields, no lines and values that aren't encoded lines as they are", () => {
    expect(presentValue("customer", "birds@intuit.example", "USD")).toBe("birds@intuit.example");
    expect(presentValue("lines", null, "USD")).toBeNull();
    expect(presentValue("lines", "not lines", "USD")).toBe("not lines");
    expect(formatMoney(1234.5, "XX1")).toBe("XX1 1234.50");
    expect(snapshotCurrency(null, { currency: "" }, { currency: "CAD" })).toBe("CAD");
  });

  it("name each action in words", () => {
    expect(actionLabel("out_of_step")).toBe("Synced, but the two sides still differ");
    expect(actionLabel("conflict_resolved")).toBe("Changed on both sides: the conflict winner's values kept");
    expect(actionLabel("linked")).toBe("Linked to the existing record");
    for (const action of ["created", "updated", "linked", "unchanged", "excluded", "failed", "conflict_resolved", "out_of_step", "deleted"]) expect(actionLabel(action)).not.toContain("_");
  });
});
