import { describe, expect, it } from "vitest";
import type { HubSpotProperty } from "../../providers/hubspot/properties";
import { hubspotField, hubspotKind } from "./hubspot-fields";

function property(name: string, type: string, fieldType: string, extra: Partial<HubSpotProperty> = {}): HubSpotProperty {
  return { name, label: name, type, fieldType, ...extra };
}

describe("hubspotKind", () => {
  it("reads HubSpot's type and field type as a kind", () => {
    expect(hubspotKind(property("company", "string", "text"))).toBe("text");
    expect(hubspotKind(property("phone", "phone_number", "phonenumber"))).toBe("text");
    expect(hubspotKind(property("email", "string", "text"))).toBe("email");
    expect(hubspotKind(property("hs_customer_email", "string", "text"))).toBe("email");
    expect(hubspotKind(property("hs_due_date", "datetime", "date"))).toBe("date");
    expect(hubspotKind(property("closedate", "date", "date"))).toBe("date");
    expect(hubspotKind(property("hs_invoice_billable", "bool", "booleancheckbox"))).toBe("boolean");
    expect(hubspotKind(property("legacy_flag", "enumeration", "booleancheckbox"))).toBe("boolean");
    expect(hubspotKind(property("hs_invoice_status", "enumeration", "select"))).toBe("enum");
    expect(hubspotKind(property("interests", "enumeration", "checkbox"))).toBe("text");
    expect(hubspotKind(property("geo", "object_coordinates", "text"))).toBeNull();
  });

  it("tells money from plain numbers by HubSpot's currency flags or the property's name", () => {
    expect(hubspotKind(property("seats", "number", "number"))).toBe("number");
    expect(hubspotKind(property("quantity", "number", "number"))).toBe("number");
    expect(hubspotKind(property("hs_discount_percentage", "number", "number"))).toBe("number");
    expect(hubspotKind(property("budget", "number", "number", { showCurrencySymbol: true }))).toBe("money");
    expect(hubspotKind(property("budget", "number", "number", { numberDisplayHint: "currency" }))).toBe("money");
    for (const name of ["price", "amount", "hs_amount_paid", "hs_balance_due", "hs_cost_of_goods_sold", "hs_initial_amount", "discount"]) {
      expect(hubspotKind(property(name, "number", "number")), name).toBe("money");
    }
  });
});

describe("hubspotField", () => {
  it("keeps visible options, read-only state and whether the account defined the property", () => {
    const status = property("hs_invoice_status", "enumeration", "select", {
      label: "Invoice status",
      hubspotDefined: true,
      modificationMetadata: { readOnlyValue: false },
      options: [
        { value: "draft", label: "Draft" },
        { value: "legacy", label: "Legacy", hidden: true },
      ],
    });
    expect(hubspotField(status)).toEqual({
      path: "hs_invoice_status",
      label: "Invoice status",
      kind: "enum",
      options: [{ value: "draft", label: "Draft" }],
      readOnly: false,
      custom: false,
    });
    expect(hubspotField(property("po_number", "string", "text"))).toMatchObject({ custom: true, readOnly: false });
    expect(hubspotField(property("hs_amount_paid", "number", "number", { modificationMetadata: { readOnlyValue: true } }))).toMatchObject({ readOnly: true });
  });

  it("leaves out hidden properties, Tandem's own and those of unknown type", () => {
    expect(hubspotField(property("secret", "string", "text", { hidden: true }))).toBeNull();
    expect(hubspotField(property("tandem_quickbooks_id", "string", "text"))).toBeNull();
    expect(hubspotField(property("geo", "object_coordinates", "text"))).toBeNull();
    expect(hubspotField(property("company", "string", "text"))).not.toBeNull();
  });
});
