import { describe, expect, it } from "vitest";
import { SyncError } from "../errors";
import { taxMappingGaps } from "./gaps";
import { LineTax } from "./line-tax";
import type { TaxMapping } from "./types";

const mapping: TaxMapping = { mode: "exclusive", defaultCodeId: "5", rates: { "200": "3", "100": "3", "300": "4" } };

describe("LineTax", () => {
  const tax = new LineTax(mapping);

  it("gives a HubSpot line its mapped code, the default without a rate, and none for an unmapped rate", () => {
    expect(tax.codeForRate("300")).toBe("4");
    expect(tax.codeForRate(null)).toBe("5");
    expect(tax.codeForRate("999")).toBeNull();
  });

  it("gives a QuickBooks code the first HubSpot rate mapped to it, no rate for the default code, and fails for an unmapped code", () => {
    expect(tax.rateForCode("3")).toBe("100");
    expect(tax.rateForCode("5")).toBeNull();
    expect(() => tax.rateForCode("6")).toThrow(SyncError);
    expect(() => tax.rateForCode("6")).toThrow(/tax code 6 is mapped from no HubSpot tax rate/);
  });

  it("reads its own writes back as the same code", () => {
    for (const code of ["3", "4", "5"]) expect(tax.codeForRate(tax.rateForCode(code))).toBe(code);
  });

  it("refuses to write a line without a code with TAX_REQUIRED", () => {
    expect(tax.codeForWrite("4", "Tea")).toBe("4");
    const error = (() => {
      try {
        tax.codeForWrite(null, "Tea");
      } catch (e) {
        return e as SyncError;
      }
    })();
    expect(error).toMatchObject({ code: "TAX_REQUIRED", detail: expect.stringContaining("“Tea”") });
  });
});

describe("taxMappingGaps", () => {
  const rates = [
    { id: "100", name: "VAT", label: "VAT", percentage: 20, active: true },
    { id: "300", name: "Reduced", label: "Reduced", percentage: 5, active: true },
    { id: "400", name: "Old", label: "Old", percentage: 17.5, active: false },
  ];
  const codes = [
    { id: "3", name: "20.0% S", percentage: 20, active: true },
    { id: "4", name: "5.0% R", percentage: 5, active: false },
    { id: "5", name: "0.0% Z", percentage: 0, active: true },
  ];

  it("is empty for a complete mapping and names each missing piece otherwise", () => {
    expect(taxMappingGaps({ mode: "exclusive", defaultCodeId: "5", rates: { "100": "3", "300": "3" } }, rates, codes)).toEqual([]);
    expect(taxMappingGaps({ mode: "exclusive", defaultCodeId: null, rates: { "300": "4" } }, rates, codes)).toEqual([
      "No QuickBooks tax code is chosen for lines without a HubSpot tax rate.",
      "The HubSpot tax rate “VAT” (20 %) is not mapped to a QuickBooks tax code.",
      "The HubSpot tax rate “Reduced” is mapped to tax code 4, which the QuickBooks company doesn't have (or made inactive).",
    ]);
  });
});
