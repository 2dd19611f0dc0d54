import { describe, expect, it } from "vitest";
import { canonicalLine, decodeLines, encodeLines } from "./lines";

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
