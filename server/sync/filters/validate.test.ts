import { describe, expect, it } from "vitest";
import { FieldError } from "../../auth/field-error";
import type { FilterCondition } from "../../db/schema";
import type { CatalogueField } from "../mappings/fields";
import { conditionValues, validateConditions } from "./validate";

const fields: CatalogueField[] = [
  { path: "DocNumber", label: "Invoice number", kind: "text", readOnly: false, custom: false },
  { path: "TotalAmt", label: "Total", kind: "money", readOnly: true, custom: false },
  { path: "TxnDate", label: "Invoice date", kind: "date", readOnly: false, custom: false },
  { path: "Taxable", label: "Taxable", kind: "boolean", readOnly: false, custom: false },
  { path: "EmailStatus", label: "Email status", kind: "enum", options: [{ value: "NotSet", label: "NotSet" }, { value: "EmailSent", label: "EmailSent" }], readOnly: false, custom: false },
];

function refusal(conditions: FilterCondition[]): { field: string; message: string } {
  try {
    validateConditions(conditions, fields, "QuickBooks");
  } catch (error) {
    if (error instanceof FieldError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error("expected a FieldError");
}

describe("validateConditions", () => {
  it("accepts conditions on the side's fields and the record timestamps, values trimmed", () => {
    expect(
      validateConditions(
        [
          { field: "createdAt", operator: "gt", value: " 2026-01-31 " },
          { field: "TotalAmt", operator: "gte", value: "100.50" },
          { field: "DocNumber", operator: "contains", value: "INV" },
          { field: "EmailStatus", operator: "in", value: "NotSet, EmailSent" },
          { field: "Taxable", operator: "eq", value: "true" },
          { field: "DocNumber", operator: "is_set", value: "ignored" },
        ],
        fields,
        "QuickBooks",
      ),
    ).toEqual([
      { field: "createdAt", operator: "gt", value: "2026-01-31" },
      { field: "TotalAmt", operator: "gte", value: "100.50" },
      { field: "DocNumber", operator: "contains", value: "INV" },
      { field: "EmailStatus", operator: "in", value: "NotSet,EmailSent" },
      { field: "Taxable", operator: "eq", value: "true" },
      { field: "DocNumber", operator: "is_set" },
    ]);
  });

  it("refuses an unknown field, naming the condition", () => {
    expect(refusal([{ field: "createdAt", operator: "is_set" }, { field: "hs_number", operator: "eq", value: "1" }])).toEqual({
      field: "conditions.1.field",
      message: 'QuickBooks has no field "hs_number" here.',
    });
  });

  it("refuses operators that don't fit the field's kind", () => {
    expect(refusal([{ field: "TxnDate", operator: "contains", value: "2026" }]).field).toBe("conditions.0.operator");
    expect(refusal([{ field: "DocNumber", operator: "gt", value: "5" }]).field).toBe("conditions.0.operator");
  });

  it("refuses missing values and values the field can't hold", () => {
    expect(refusal([{ field: "DocNumber", operator: "eq" }])).toEqual({ field: "conditions.0.value", message: "Enter a value to compare with." });
    expect(refusal([{ field: "TotalAmt", operator: "gt", value: "lots" }]).message).toBe('"lots" is not a number.');
    expect(refusal([{ field: "TxnDate", operator: "lt", value: "31/01/2026" }]).field).toBe("conditions.0.value");
    expect(refusal([{ field: "Taxable", operator: "eq", value: "yes" }]).field).toBe("conditions.0.value");
    expect(refusal([{ field: "EmailStatus", operator: "in", value: "NotSet,Sent" }]).message).toBe('"Sent" is not an option of "Email status".');
  });
});

describe("conditionValues", () => {
  it("splits an `in` list and keeps other values whole", () => {
    expect(conditionValues({ operator: "in", value: "a, b,,c" })).toEqual(["a", "b", "c"]);
    expect(conditionValues({ operator: "eq", value: "a, b" })).toEqual(["a, b"]);
    expect(conditionValues({ operator: "is_set" })).toEqual([]);
  });
});
