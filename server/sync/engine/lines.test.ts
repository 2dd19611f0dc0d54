import { describe, expect, it } from "vitest";
import { canonicalLine, decodeLines, encodeLines, fallbackServiceDate, linesRule } from "./lines";
import { merge } from "./merge";
import { systemMapping } from "../objects/system-mapping";

describe("line encoding", () => {
  it("encodes lines without a tax code as before, and round-trips tax codes and service dates", () => {
    const plain = canonicalLine({ sku: "A", description: "Tea", quantity: 2, unitPrice: 1.5 });
    expect(encodeLines([plain])).toBe('[["A","Tea",2,1.5]]');
    const taxed = [
      canonicalLine({ sku: null, description: "Tea", quantity: 1, unitPrice: 10, taxCode: "3" }),
      canonicalLine({ sku: null, description: "Cake", quantity: 1, unitPrice: 5, serviceDate: "2026-03-01", taxCode: null }),
      canonicalLine({ sku: null, description: "Jam", quantity: 1, unitPrice: 4, serviceDate: null }),
    ];
    const encoded = encodeLines(taxed);
    expect(decodeLines(encoded)).toEqual(taxed);
    expect(encodeLines(decodeLines(encoded))).toBe(encoded);
    expect(decodeLines(encodeLines([plain]))).toEqual([plain]);
  });
});

describe("the service date of a line without one", () => {
  it("is the invoice's date or due date from the write, else from the invoice as it is, or none", () => {
    expect(fallbackServiceDate("invoice_date", { TxnDate: "2026-03-01" }, { TxnDate: "2026-01-01" })).toBe("2026-03-01");
    expect(fallbackServiceDate("invoice_date", { DocNumber: "7" }, { TxnDate: "2026-01-01", DueDate: "2026-02-01" })).toBe("2026-01-01");
    expect(fallbackServiceDate("due_date", { TxnDate: "2026-03-01" }, { DueDate: "2026-02-01" })).toBe("2026-02-01");
    expect(fallbackServiceDate("due_date", { TxnDate: "2026-03-01" })).toBeNull();
    expect(fallbackServiceDate("none", { TxnDate: "2026-03-01" })).toBeNull();
  });
});

describe("lines with a line part switched off", () => {
  const lines = (...rows: Array<[string | null, string | null, number, number]>) =>
    encodeLines(rows.map(([sku, description, quantity, unitPrice]) => canonicalLine({ sku, description, quantity, unitPrice })));

  it("has no rule while every part syncs", () => {
    expect(linesRule({ description: true, quantity: true })).toBeUndefined();
  });

  it("without descriptions: compares lines without them, sends none to a new record and keeps the target's own on an update", () => {
    const rule = linesRule({ description: false, quantity: true })!;
    expect(rule.same(lines(["W", "Blue widget", 2, 10]), lines(["W", "Widget (internal)", 2, 10]))).toBe(true);
    expect(rule.same(lines(["W", "Blue widget", 2, 10]), lines(["W", "Blue widget", 3, 10]))).toBe(false);
    expect(rule.written(lines(["W", "Blue widget", 2, 10]), null)).toBe(lines(["W", null, 2, 10]));
    // The line at the same place with the same item keeps its description; a new or other line has none.
    expect(rule.written(lines(["W", "Blue widget", 3, 10], ["X", "Extra", 1, 5]), lines(["W", "Ours", 2, 10], ["Y", "Other", 1, 5]))).toBe(
      lines(["W", "Ours", 3, 10], ["X", null, 1, 5]),
    );
  });

  it("without quantities: compares and sends a line as 1 × its amount, and keeps the target's own split of an unchanged amount", () => {
    const rule = linesRule({ description: true, quantity: false })!;
    expect(rule.same(lines(["W", "Widget", 3, 20]), lines(["W", "Widget", 1, 60]))).toBe(true);
    expect(rule.same(lines(["W", "Widget", 3, 20]), lines(["W", "Widget", 3, 25]))).toBe(false);
    expect(rule.written(lines(["W", "Widget", 3, 20]), null)).toBe(lines(["W", "Widget", 1, 60]));
    expect(rule.written(lines(["W", "Widget", 1, 60], ["X", "Extra", 1, 5]), lines(["W", "Widget", 3, 20], ["X", "Extra", 5, 2]))).toBe(
      lines(["W", "Widget", 3, 20], ["X", "Extra", 1, 5]),
    );
  });

  it("makes a description-only edit no change in a merge, and a quantity edit one that keeps the other side's descriptions", () => {
    const rule = linesRule({ description: false, quantity: true })!;
    const mappings = [systemMapping("invoices", "lines", "Line items", "__lines", "__lines", "text")];
    const synced = { hubspot: { lines: lines(["W", "Widget", 2, 10]) }, quickbooks: { lines: lines(["W", "Widget", 2, 10]) } };
    const base = { mappings, direction: "two_way" as const, conflictWinner: "hubspot" as const, valueRules: { lines: rule } };
    const descriptionOnly = merge({ ...base, side: "quickbooks", source: { lines: lines(["W", "Internal note", 2, 10]) }, target: synced.hubspot, snapshots: synced });
    expect(descriptionOnly).toMatchObject({ toTarget: {}, toSource: {}, conflicts: [] });
    const quantity = merge({ ...base, side: "hubspot", source: { lines: lines(["W", "Widget", 4, 10]) }, target: { lines: lines(["W", "Internal note", 2, 10]) }, snapshots: synced });
    expect(quantity.toTarget).toEqual({ lines: lines(["W", "Internal note", 4, 10]) });
  });
});
