import { describe, expect, it } from "vitest";
import { canonicalLine, decodeLines, encodeLines, fallbackServiceDate } from "./lines";

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
