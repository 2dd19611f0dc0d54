import { describe, expect, it } from "vitest";
import { companySettings } from "./company-settings";
import type { Doc } from "./documents";
import { mergeUpdate } from "./documents";
import { QboFault } from "./faults";
import { invoiceTotals, prepareInvoice, voidInvoice, type InvoiceContext } from "./invoice";
import { applyActiveRename, prepareCustomer, prepareItem } from "./name-lists";
import { paymentApplications, preparePayment } from "./payment";
import { defaultCompanyInfo, defaultPreferences } from "./company-defaults";

const usSettings = (prefs: Doc = {}) => {
  const base = defaultPreferences("US");
  return companySettings(defaultCompanyInfo("Co", "US"), { ...base, ...prefs }, "2026-03-10");
};

const customer = { Id: "1", DisplayName: "Amy", Active: true, PrimaryEmailAddr: { Address: "amy@x.test" } };
const item = { Id: "5", Name: "Widget", Active: true, Taxable: false };

const terms: Record<string, Doc> = { "2": { Name: "Net 15", DueDays: 15, Active: true }, "3": { Name: "Net 30", DueDays: 30, Active: true } };

const invoiceContext = (overrides: Partial<InvoiceContext> = {}): InvoiceContext => ({
  findCustomer: async (id) => (id === "1" ? customer : undefined),
  findItem: async (id) => (id === "5" ? item : undefined),
  findTerm: async (id) => terms[id],
  invoiceWithDocNumber: async () => undefined,
  nextDocNumber: async () => "1001",
  ...overrides,
});

const line = (qty: number, unitPrice: number, amount = qty * unitPrice, detail: Doc = {}) => ({
  Amount: amount,
  DetailType: "SalesItemLineDetail",
  SalesItemLineDetail: { ItemRef: { value: "5" }, Qty: qty, UnitPrice: unitPrice, ...detail },
});

async function faultOf(promise: Promise<unknown>): Promise<QboFault> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof QboFault) return error;
    throw error;
  }
  throw new Error("expected a fault");
}

const options = { allowDuplicateDocNumber: false };

describe("invoice rules", () => {
  it("computes totals, balance after payments, defaults and the subtotal line", async () => {
    const invoice = await prepareInvoice({ CustomerRef: { value: "1" }, Line: [line(2, 10), line(1, 0.3)] }, undefined, usSettings(), invoiceContext(), options, {
      amountPaid: 5,
      linkedPaymentIds: ["9"],
    });
    expect(invoice).toMatchObject({
      TotalAmt: 20.3,
      Balance: 15.3,
      DocNumber: "1001",
      TxnDate: "2026-03-10",
      DueDate: "2026-04-09",
      SalesTermRef: { value: "3" },
      BillEmail: { Address: "amy@x.test" },
      LinkedTxn: [{ TxnId: "9", TxnType: "Payment" }],
      CustomerRef: { value: "1", name: "Amy" },
    });
    expect((invoice.Line as Doc[]).at(-1)).toEqual({ Amount: 20.3, DetailType: "SubTotalLineDetail", SubTotalLineDetail: {} });
  });

  it("dates an invoice due by its terms: the ones named, else the company's default; an empty value clears them", async () => {
    const prepare = (input: Doc, existing?: Doc) => prepareInvoice({ CustomerRef: { value: "1" }, Line: [line(1, 10)], ...input }, existing, usSettings(), invoiceContext(), options);
    expect(await prepare({})).toMatchObject({ SalesTermRef: { value: "3" }, DueDate: "2026-04-09" });
    expect(await prepare({ SalesTermRef: { value: "2" } })).toMatchObject({ SalesTermRef: { value: "2" }, DueDate: "2026-03-25" });
    expect(await prepare({ SalesTermRef: { value: "2" }, DueDate: "2026-05-01" })).toMatchObject({ SalesTermRef: { value: "2" }, DueDate: "2026-05-01" });
    const cleared = await prepare({ SalesTermRef: { value: "" } });
    expect(cleared.SalesTermRef).toBeUndefined();
    expect(cleared.DueDate).toBe("2026-03-10");
    // An update without terms keeps none: the default is for new invoices only.
    expect((await prepare({ DueDate: "2026-04-01" }, { Id: "7", TxnDate: "2026-03-10" })).SalesTermRef).toBeUndefined();
    expect((await faultOf(prepare({ SalesTermRef: { value: "99" } }))).code).toBe("2500");
  });

  it("derives a missing Amount or UnitPrice, and faults 6070 on a mismatch", async () => {
    const derived = await prepareInvoice(
      { CustomerRef: { value: "1" }, Line: [{ DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: "5" }, Qty: 3, UnitPrice: 2.5 } }] },
      undefined,
      usSettings(),
      invoiceContext(),
      options,
    );
    expect(derived.TotalAmt).toBe(7.5);
    expect((await faultOf(prepareInvoice({ CustomerRef: { value: "1" }, Line: [line(2, 10, 21)] }, undefined, usSettings(), invoiceContext(), options))).code).toBe("6070");
  });

  it("faults 2500 for unknown or inactive references and 2020 for missing ones", async () => {
    expect((await faultOf(prepareInvoice({ CustomerRef: { value: "2" }, Line: [line(1, 1)] }, undefined, usSettings(), invoiceContext(), options))).code).toBe("2500");
    const inactiveItem = invoiceContext({ findItem: async () => ({ ...item, Active: false }) });
    expect((await faultOf(prepareInvoice({ CustomerRef: { value: "1" }, Line: [line(1, 1)] }, undefined, usSettings(), inactiveItem, options))).code).toBe("2500");
    expect((await faultOf(prepareInvoice({ Line: [line(1, 1)] }, undefined, usSettings(), invoiceContext(), options))).code).toBe("2020");
  });

  it("checks DocNumbers only with custom transaction numbers on, unless duplicates are allowed", async () => {
    const custom = usSettings({ SalesFormsPrefs: { CustomTxnNumbers: true } });
    const taken = invoiceContext({ invoiceWithDocNumber: async () => "3" });
    const input = { CustomerRef: { value: "1" }, DocNumber: "A-1", Line: [line(1, 1)] };
    expect((await faultOf(prepareInvoice(input, undefined, custom, taken, options))).code).toBe("6140");
    expect((await prepareInvoice(input, undefined, custom, taken, { allowDuplicateDocNumber: true })).DocNumber).toBe("A-1");
    expect((await prepareInvoice(input, undefined, usSettings(), taken, options)).DocNumber).toBe("A-1");
    expect(await prepareInvoice({ CustomerRef: { value: "1" }, Line: [line(1, 1)] }, undefined, custom, taken, options)).not.toHaveProperty("DocNumber");
  });

  it("faults 6210 inside the closed period and 6000 without service dates under revenue recognition", async () => {
    const closed = usSettings({ AccountingInfoPrefs: { BookCloseDate: "2026-01-31" } });
    expect((await faultOf(prepareInvoice({ CustomerRef: { value: "1" }, TxnDate: "2026-01-31", Line: [line(1, 1)] }, undefined, closed, invoiceContext(), options))).code).toBe("6210");
    const revrec = usSettings({ ProductAndServicesPrefs: { RevenueRecognition: true } });
    const fault = await faultOf(prepareInvoice({ CustomerRef: { value: "1" }, Line: [line(1, 1)] }, undefined, revrec, invoiceContext(), options));
    expect(fault.code).toBe("6000");
    expect(fault.detail).toBe("Business Validation Error: Enter a service date for the revenue recognition line.");
  });

  it("requires tax on a non-US company's invoices", async () => {
    const canada = companySettings(defaultCompanyInfo("Co", "CA"), defaultPreferences("CA"), "2026-03-10");
    const fault = await faultOf(prepareInvoice({ CustomerRef: { value: "1" }, Line: [line(1, 1)] }, undefined, canada, invoiceContext(), options));
    expect(fault.detail).toContain("GST/HST");
    const taxed = await prepareInvoice({ CustomerRef: { value: "1" }, Line: [line(1, 10)], TxnTaxDetail: { TxnTaxCodeRef: { value: "4" }, TotalTax: 1.3 } }, undefined, canada, invoiceContext(), options);
    expect(taxed.TotalAmt).toBe(11.3);
  });

  it("applies percent discounts on the sales subtotal and faults 6090 without an amount", async () => {
    expect(invoiceTotals([line(1, 100), { DetailType: "DiscountLineDetail", Amount: 15 }], 5)).toEqual({ subtotal: 100, discount: 15, total: 90 });
    const fault = await faultOf(
      prepareInvoice({ CustomerRef: { value: "1" }, Line: [line(1, 1), { DetailType: "DiscountLineDetail", DiscountLineDetail: {} }] }, undefined, usSettings(), invoiceContext(), options),
    );
    expect(fault.code).toBe("6090");
  });

  it("needs a BillEmail address to mark an invoice NeedToSend", async () => {
    const noEmail = invoiceContext({ findCustomer: async () => ({ ...customer, PrimaryEmailAddr: undefined }) });
    const fault = await faultOf(prepareInvoice({ CustomerRef: { value: "1" }, EmailStatus: "NeedToSend", Line: [line(1, 1)] }, undefined, usSettings(), noEmail, options));
    expect(fault.code).toBe("6000");
    const withEmail = await prepareInvoice({ CustomerRef: { value: "1" }, EmailStatus: "NeedToSend", Line: [line(1, 1)] }, undefined, usSettings(), invoiceContext(), options);
    expect(withEmail).toMatchObject({ EmailStatus: "NeedToSend", BillEmail: { Address: "amy@x.test" } });
  });

  it("voids to zero amounts and quantities with a Voided note", () => {
    expect(voidInvoice({ TotalAmt: 10, Balance: 10, Line: [line(1, 10)] })).toMatchObject({
      TotalAmt: 0,
      Balance: 0,
      PrivateNote: "Voided",
      Line: [{ Amount: 0, SalesItemLineDetail: { Qty: 0, UnitPrice: 0 } }],
    });
  });
});

describe("payment rules", () => {
  const invoice = { Id: "7", CustomerRef: { value: "1" }, TotalAmt: 100 };
  const ctx = {
    findCustomer: async (id: string) => (id === "1" || id === "2" ? { ...customer, Id: id } : undefined),
    findInvoice: async (id: string) => (id === "7" ? invoice : undefined),
    openBalance: async () => 60,
  };
  const apply = (amount: number, customerId = "1", total = amount) => ({
    CustomerRef: { value: customerId },
    TotalAmt: total,
    Line: [{ Amount: amount, LinkedTxn: [{ TxnId: "7", TxnType: "Invoice" }] }],
  });

  it("computes the unapplied amount and reads its applications", async () => {
    const payment = await preparePayment(apply(50, "1", 80), usSettings(), ctx);
    expect(payment).toMatchObject({ UnappliedAmt: 30, TotalAmt: 80 });
    expect(paymentApplications(payment)).toEqual(new Map([["7", 50]]));
  });

  it("faults 6000 without TotalAmt, 620 across customers, 6000 beyond the open balance", async () => {
    expect((await faultOf(preparePayment({ CustomerRef: { value: "1" } }, usSettings(), ctx))).detail).toBe("Business Validation Error: You must set a transaction amount.");
    expect((await faultOf(preparePayment(apply(10, "2"), usSettings(), ctx))).code).toBe("620");
    expect((await faultOf(preparePayment(apply(61), usSettings(), ctx))).code).toBe("6000");
    expect((await faultOf(preparePayment(apply(50, "1", 40), usSettings(), ctx))).code).toBe("6000");
  });
});

describe("name-list rules", () => {
  const free = { nameTaken: async () => false, findAccount: async (id: string) => (id === "3" ? { Id: "3", Name: "Sales", Active: true } : undefined) };

  it("renames records made inactive and restores the name on reactivation", () => {
    expect(applyActiveRename("Amy", true, false)).toBe("Amy (deleted)");
    expect(applyActiveRename("Amy (deleted)", false, true)).toBe("Amy");
    expect(applyActiveRename("Amy", true, true)).toBe("Amy");
  });

  it("faults 6240 on a taken DisplayName and 6080 with no name at all", async () => {
    expect((await faultOf(prepareCustomer({ DisplayName: "Amy" }, undefined, usSettings(), { nameTaken: async () => true }))).code).toBe("6240");
    expect((await faultOf(prepareCustomer({ CompanyName: "x" }, undefined, usSettings(), free))).code).toBe("6080");
  });

  it("fills an item's account names and requires an income account for sellable types", async () => {
    expect(await prepareItem({ Name: "W", Type: "Service", IncomeAccountRef: { value: "3" } }, undefined, free)).toMatchObject({ IncomeAccountRef: { value: "3", name: "Sales" } });
    expect((await faultOf(prepareItem({ Name: "W", Type: "Service" }, undefined, free))).code).toBe("2020");
    expect((await faultOf(prepareItem({ Name: "W", Type: "Service", IncomeAccountRef: { value: "4" } }, undefined, free))).code).toBe("2500");
  });
});

describe("mergeUpdate", () => {
  it("keeps omitted fields in a sparse update and clears them in a full one, never taking server fields", () => {
    const existing = { DisplayName: "A", Notes: "n" };
    expect(mergeUpdate(existing, { Id: "9", SyncToken: "3", Notes: "m" }, true)).toEqual({ DisplayName: "A", Notes: "m" });
    expect(mergeUpdate(existing, { Id: "9", DisplayName: "B" }, false)).toEqual({ DisplayName: "B" });
  });
});
