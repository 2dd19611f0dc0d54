import { describe, expect, it } from "vitest";
import { syncObject } from "../../db/schema";
import { DEFAULT_MAPPINGS } from "./defaults";
import { quickbooksFields } from "./quickbooks-fields";
import { pairKind } from "./validate";

describe("quickbooksFields", () => {
  it("describes every QuickBooks field the default mappings use, with a kind that fits theirs", () => {
    for (const object of syncObject.enumValues) {
      for (const mapping of DEFAULT_MAPPINGS[object]) {
        const field = quickbooksFields(object, mapping.collection ?? "", []).find((f) => f.path === mapping.quickbooksPath);
        expect(field, `${object}: ${mapping.quickbooksPath}`).toBeDefined();
        expect(field!.readOnly).toBe(false);
        expect(pairKind(mapping.kind, field!.kind)).toBe(mapping.kind);
      }
    }
  });

  it("offers the company's invoice custom fields on invoices only, as text by definition id", () => {
    const poNumber = { definitionId: "1", name: "PO Number" };
    expect(quickbooksFields("invoices", "", [poNumber])).toContainEqual({ path: "CustomField:1", label: "PO Number", kind: "text", readOnly: false, custom: true });
    expect(quickbooksFields("invoices", "lines", [poNumber]).map((f) => f.path)).not.toContain("CustomField:1");
    expect(quickbooksFields("invoices", "lines", [poNumber]).map((f) => f.path)).toContain("SalesItemLineDetail.Qty");
  });
});
