import { describe, expect, it } from "vitest";
import { assertDeletable, assertStatusChange, formatCents, invoiceTotals, InvoiceRuleError, lineItemAmountCents, settledStatus } from "./invoice";

describe("line item amounts", () => {
  it("multiplies quantity and price, less unit discount and percentage", () => {
    expect(lineItemAmountCents({ quantity: "3", price: "19.99" })).toBe(5997);
    expect(lineItemAmountCents({ quantity: "2", price: "100", discount: "10" })).toBe(18000);
    expect(lineItemAmountCents({ quantity: "2", price: "100", hs_discount_percentage: "25" })).toBe(15000);
    expect(lineItemAmountCents({ price: "5" })).toBe(500);
  });

  it("formats money without float noise", () => {
    expect(formatCents(10 + 20)).toBe("0.3");
    expect(formatCents(15000)).toBe("150");
  });
});

describe("invoice totals and status", () => {
  it("counts only succeeded payments", () => {
    const totals = invoiceTotals([{ quantity: "1", price: "100" }], [
      { hs_initial_amount: "30", hs_latest_status: "succeeded" },
      { hs_initial_amount: "70", hs_latest_status: "failed" },
    ]);
    expect(totals).toEqual({ billedCents: 10000, paidCents: 3000, balanceCents: 7000 });
  });

  it("open becomes paid at a zero balance and back to open when the balance returns", () => {
    expect(settledStatus("open", { billedCents: 100, paidCents: 100, balanceCents: 0 })).toBe("paid");
    expect(settledStatus("paid", { billedCents: 100, paidCents: 50, balanceCents: 50 })).toBe("open");
    expect(settledStatus("draft", { billedCents: 100, paidCents: 100, balanceCents: 0 })).toBe("draft");
    expect(settledStatus("voided", { billedCents: 100, paidCents: 0, balanceCents: 100 })).toBe("voided");
  });

  it("opening requires a contact and a line item", () => {
    expect(() => assertStatusChange("draft", "open", { contactCount: 0, lineItemCount: 1 })).toThrowError(/contact/);
    expect(() => assertStatusChange("draft", "open", { contactCount: 1, lineItemCount: 0 })).toThrowError(/line item/);
    expect(() => assertStatusChange("draft", "open", { contactCount: 1, lineItemCount: 1 })).not.toThrow();
  });

  it.each([
    ["draft", "paid"],
    ["open", "draft"],
    ["voided", "open"],
    ["paid", "voided"],
  ] as const)("refuses %s → %s", (from, to) => {
    expect(() => assertStatusChange(from, to, { contactCount: 1, lineItemCount: 1 })).toThrowError(InvoiceRuleError);
  });

  it("only drafts can be deleted", () => {
    expect(() => assertDeletable("draft")).not.toThrow();
    expect(() => assertDeletable("open")).toThrowError(/Only draft/);
  });
});
