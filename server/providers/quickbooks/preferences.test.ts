import { describe, expect, it } from "vitest";
import { invoiceCustomFields } from "./preferences";

describe("invoiceCustomFields", () => {
  it("lists the switched-on sales custom fields with a name, by definition id", () => {
    const preferences = {
      SalesFormsPrefs: {
        CustomField: [
          {
            CustomField: [
              { Name: "SalesFormsPrefs.UseSalesCustom1", Type: "BooleanType", BooleanValue: true },
              { Name: "SalesFormsPrefs.UseSalesCustom2", Type: "BooleanType", BooleanValue: false },
              { Name: "SalesFormsPrefs.UseSalesCustom3", Type: "BooleanType", BooleanValue: true },
            ],
          },
          {
            CustomField: [
              { Name: "SalesFormsPrefs.SalesCustomName1", Type: "StringType", StringValue: "PO Number" },
              { Name: "SalesFormsPrefs.SalesCustomName2", Type: "StringType", StringValue: "Crew" },
              { Name: "SalesFormsPrefs.SalesCustomName3", Type: "StringType", StringValue: " Project " },
            ],
          },
        ],
      },
    };
    expect(invoiceCustomFields(preferences)).toEqual([
      { definitionId: "1", name: "PO Number" },
      { definitionId: "3", name: "Project" },
    ]);
  });

  it("finds none in a company without custom fields", () => {
    expect(invoiceCustomFields({})).toEqual([]);
    expect(invoiceCustomFields({ SalesFormsPrefs: { CustomField: [] } })).toEqual([]);
  });
});
