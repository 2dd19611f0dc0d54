import { describe, expect, it } from "vitest";
import { FieldError } from "../../auth/field-error";
import type { CatalogueField, FieldCatalogue } from "./fields";
import { testMapping } from "./testing";
import type { FieldMapping } from "./types";
import { checkNotMappedTwice, compatibleFields, customMappingKey, pairKind, validateMapping, type MappingDraft } from "./validate";

function field(path: string, kind: CatalogueField["kind"], extra: Partial<CatalogueField> = {}): CatalogueField {
  return { path, label: path, kind, readOnly: false, custom: false, ...extra };
}

const catalogue: FieldCatalogue = {
  hubspot: [
    field("po_number", "text"),
    field("email", "email"),
    field("amount", "money"),
    field("quantity", "number"),
    field("due", "date"),
    field("billable", "boolean"),
    field("status", "enum", { options: [{ value: "draft", label: "Draft" }, { value: "open", label: "Open" }] }),
    field("hs_amount_paid", "money", { readOnly: true }),
  ],
  quickbooks: [
    field("CustomField:1", "text", { custom: true }),
    field("BillEmail.Address", "email"),
    field("TxnDate", "date"),
    field("SalesItemLineDetail.Qty", "number"),
    field("UnitPrice", "money"),
    field("Taxable", "boolean"),
    field("EmailStatus", "enum", { options: [{ value: "NotSet", label: "NotSet" }, { value: "NeedToSend", label: "NeedToSend" }] }),
    field("TotalAmt", "money", { readOnly: true }),
  ],
};

function draft(hubspotProperty: string, quickbooksPath: string, extra: Partial<MappingDraft> = {}): MappingDraft {
  return { hubspotProperty, quickbooksPath, direction: "both", valueMap: null, ...extra };
}

function fieldErrorOf(run: () => unknown): { field: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof FieldError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error("expected a FieldError");
}

const mapping = (over: Partial<FieldMapping>) => testMapping("k", { object: "invoices", label: "Existing", hubspotProperty: "x", quickbooksPath: "X", isDefault: false, ...over });

describe("pairKind", () => {
  it("maps compatible kinds onto the kind the values are compared as", () => {
    expect(pairKind("text", "text")).toBe("text");
    expect(pairKind("text", "email")).toBe("email");
    expect(pairKind("email", "text")).toBe("email");
    expect(pairKind("number", "money")).toBe("money");
    expect(pairKind("money", "number")).toBe("money");
    expect(pairKind("date", "date")).toBe("date");
    expect(pairKind("boolean", "boolean")).toBe("boolean");
    expect(pairKind("enum", "text")).toBe("enum");
    expect(pairKind("text", "enum")).toBe("enum");
  });

  it("refuses pairs that would change a value on the way through", () => {
    expect(pairKind("text", "number")).toBeNull();
    expect(pairKind("date", "text")).toBeNull();
    expect(pairKind("boolean", "enum")).toBeNull();
    expect(pairKind("money", "date")).toBeNull();
  });
});

describe("compatibleFields", () => {
  it("offers only the QuickBooks fields a HubSpot field can be mapped to", () => {
    expect(compatibleFields(field("amount", "money"), catalogue.quickbooks)).toEqual(["SalesItemLineDetail.Qty", "UnitPrice", "TotalAmt"]);
    expect(compatibleFields(field("po_number", "text"), catalogue.quickbooks)).toEqual(["CustomField:1", "BillEmail.Address", "EmailStatus"]);
  });
});

describe("validateMapping", () => {
  it("accepts a HubSpot property ↔ QuickBooks custom field and returns its kind", () => {
    expect(validateMapping(draft("po_number", "CustomField:1"), catalogue)).toBe("text");
    expect(validateMapping(draft("quantity", "UnitPrice"), catalogue)).toBe("money");
  });

  it("refuses unknown fields naming the field", () => {
    expect(fieldErrorOf(() => validateMapping(draft("nope", "CustomField:1"), catalogue))).toMatchObject({ field: "hubspotProperty", message: expect.stringContaining('"nope"') });
    expect(fieldErrorOf(() => validateMapping(draft("po_number", "CustomField:9"), catalogue))).toMatchObject({ field: "quickbooksPath", message: expect.stringContaining('"CustomField:9"') });
  });

  it("refuses incompatible kinds on the QuickBooks field, saying what each holds", () => {
    expect(fieldErrorOf(() => validateMapping(draft("due", "CustomField:1"), catalogue))).toEqual({
      field: "quickbooksPath",
      message: '"CustomField:1" holds text and can\'t be mapped to "due", which holds a date.',
    });
  });

  it("refuses writing into a field the provider computes, unless the mapping only reads it", () => {
    expect(fieldErrorOf(() => validateMapping(draft("amount", "TotalAmt"), catalogue)).field).toBe("quickbooksPath");
    expect(validateMapping(draft("amount", "TotalAmt", { direction: "to_hubspot" }), catalogue)).toBe("money");
    expect(fieldErrorOf(() => validateMapping(draft("hs_amount_paid", "UnitPrice", { direction: "to_hubspot" }), catalogue)).field).toBe("hubspotProperty");
    expect(validateMapping(draft("hs_amount_paid", "UnitPrice", { direction: "to_quickbooks" }), catalogue)).toBe("money");
  });

  it("needs a value map between options and text, with options that exist", () => {
    expect(fieldErrorOf(() => validateMapping(draft("status", "CustomField:1"), catalogue)).field).toBe("valueMap");
    expect(validateMapping(draft("status", "CustomField:1", { valueMap: { draft: "D", open: "O" } }), catalogue)).toBe("enum");
    expect(fieldErrorOf(() => validateMapping(draft("status", "CustomField:1", { valueMap: { paid: "P" } }), catalogue))).toMatchObject({
      field: "valueMap",
      message: expect.stringContaining('"paid"'),
    });
  });

  it("takes an optional value map between two enumerations, checked against both sides' options", () => {
    expect(validateMapping(draft("status", "EmailStatus"), catalogue)).toBe("enum");
    expect(validateMapping(draft("status", "EmailStatus", { valueMap: { open: "NeedToSend" } }), catalogue)).toBe("enum");
    expect(fieldErrorOf(() => validateMapping(draft("status", "EmailStatus", { valueMap: { open: "Sent" } }), catalogue)).message).toContain('"Sent"');
  });

  it("refuses a value map that can't be read back when the mapping syncs to HubSpot", () => {
    const twoOntoOne = { draft: "NotSet", open: "NotSet" };
    expect(fieldErrorOf(() => validateMapping(draft("status", "EmailStatus", { valueMap: twoOntoOne }), catalogue)).field).toBe("valueMap");
    expect(validateMapping(draft("status", "EmailStatus", { valueMap: twoOntoOne, direction: "to_quickbooks" }), catalogue)).toBe("enum");
  });

  it("refuses a value map on a mapping that isn't between options", () => {
    expect(fieldErrorOf(() => validateMapping(draft("po_number", "CustomField:1", { valueMap: { a: "b" } }), catalogue)).field).toBe("valueMap");
  });
});

describe("checkNotMappedTwice", () => {
  it("refuses a field already mapped by another switched-on mapping, on either side", () => {
    const others = [mapping({ label: "PO", hubspotProperty: "po_number", quickbooksPath: "CustomField:1" })];
    expect(fieldErrorOf(() => checkNotMappedTwice({ hubspotProperty: "po_number", quickbooksPath: "PrivateNote" }, others))).toEqual({
      field: "hubspotProperty",
      message: '"po_number" is already mapped by "PO".',
    });
    expect(fieldErrorOf(() => checkNotMappedTwice({ hubspotProperty: "other", quickbooksPath: "CustomField:1" }, others)).field).toBe("quickbooksPath");
    expect(() => checkNotMappedTwice({ hubspotProperty: "other", quickbooksPath: "PrivateNote" }, others)).not.toThrow();
  });

  it("lets a switched-off mapping's fields be mapped again", () => {
    const others = [mapping({ hubspotProperty: "phone", quickbooksPath: "PrimaryPhone.FreeFormNumber", enabled: false })];
    expect(() => checkNotMappedTwice({ hubspotProperty: "phone", quickbooksPath: "Mobile.FreeFormNumber" }, others)).not.toThrow();
    expect(() => checkNotMappedTwice({ hubspotProperty: "phone", quickbooksPath: "Mobile.FreeFormNumber" }, [{ ...others[0]!, enabled: true }])).toThrow(FieldError);
  });
});

describe("customMappingKey", () => {
  it("names a custom mapping after its HubSpot property, numbered when the name is taken", () => {
    expect(customMappingKey("po_number", new Set(["email"]))).toBe("custom:po_number");
    expect(customMappingKey("po_number", new Set(["custom:po_number", "custom:po_number:2"]))).toBe("custom:po_number:3");
  });
});
