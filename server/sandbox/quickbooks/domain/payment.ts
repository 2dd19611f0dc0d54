import { inClosedPeriod, type CompanySettings } from "./company-settings";
import { asDoc, asNumber, asString, asText, compact, isDoc, refValue, roundMoney, type Doc } from "./documents";
import { faults } from "./faults";
import { isIsoDate } from "./time";

export interface PaymentContext {
  findCustomer(id: string): Promise<Doc | undefined>;
  findInvoice(id: string): Promise<Doc | undefined>;
  /** What an invoice still owes, not counting this payment's own earlier application. */
  openBalance(invoiceId: string): Promise<number>;
}

/** Invoice id → amount this payment applies to it. */
export type Applications = Map<string, number>;

/** Reads the invoices a payment applies to from its lines. */
export function paymentApplications(payment: Doc): Applications {
  const applications: Applications = new Map();
  for (const line of (Array.isArray(payment.Line) ? payment.Line : []).filter(isDoc)) {
    const amount = asNumber(line.Amount) ?? 0;
    for (const link of (Array.isArray(line.LinkedTxn) ? line.LinkedTxn : []).filter(isDoc)) {
      const id = asText(link.TxnId);
      if (id && asString(link.TxnType) === "Invoice") applications.set(id, roundMoney((applications.get(id) ?? 0) + amount));
    }
  }
  return applications;
}

/** Builds a Payment document and checks what it applies: the invoices exist, belong to its customer and owe enough. */
export async function preparePayment(input: Doc, settings: CompanySettings, ctx: PaymentContext): Promise<Doc> {
  const customerId = refValue(input.CustomerRef);
  if (!customerId) throw faults.requiredParam("CustomerRef");
  const customer = await ctx.findCustomer(customerId);
  if (!customer || customer.Active === false) throw faults.invalidReference(`Customer Id=${customerId}`);
  const totalAmt = asNumber(input.TotalAmt);
  if (totalAmt === undefined) throw faults.businessValidation("You must set a transaction amount.");
  if (totalAmt < 0) throw faults.businessValidation("The payment amount cannot be negative.");
  const txnDate = asText(input.TxnDate) ?? settings.today;
  if (!isIsoDate(txnDate)) throw faults.invalidField(`TxnDate value ${txnDate}`);
  if (inClosedPeriod(settings, txnDate)) throw faults.closedPeriod();

  const lines: Doc[] = [];
  for (const line of (Array.isArray(input.Line) ? input.Line : []).filter(isDoc)) {
    const amount = asNumber(line.Amount);
    if (amount === undefined) throw faults.requiredParam("Line.Amount");
    const links = (Array.isArray(line.LinkedTxn) ? line.LinkedTxn : []).filter(isDoc);
    for (const link of links) {
      const invoiceId = asText(link.TxnId);
      if (!invoiceId) throw faults.requiredParam("Line.LinkedTxn.TxnId");
      if (asString(link.TxnType) !== "Invoice") throw faults.invalidField(`LinkedTxn.TxnType value ${asString(link.TxnType) ?? "(none)"}`);
      const invoice = await ctx.findInvoice(invoiceId);
      if (!invoice) throw faults.invalidReference(`Invoice Id=${invoiceId}`);
      if (refValue(invoice.CustomerRef) !== customerId) throw faults.crossCustomerLink();
    }
    lines.push(compact({ ...line, Amount: roundMoney(amount), LinkedTxn: links.map((l) => ({ TxnId: asText(l.TxnId), TxnType: "Invoice" })) }));
  }
  const document = { ...input, Line: lines };
  const applications = paymentApplications(document);
  let applied = 0;
  for (const [invoiceId, amount] of applications) {
    const open = await ctx.openBalance(invoiceId);
    if (amount > open + 0.001) {
      throw faults.businessValidation(`The payment amount applied to Invoice ${invoiceId} (${amount}) is more than its open balance (${open}).`);
    }
    applied += amount;
  }
  if (roundMoney(applied) > roundMoney(totalAmt)) {
    throw faults.businessValidation("The amount applied to transactions is more than the payment's total amount.");
  }
  return compact({
    ...document,
    CustomerRef: { value: customerId, name: asString(customer.DisplayName) },
    TotalAmt: roundMoney(totalAmt),
    UnappliedAmt: roundMoney(totalAmt - applied),
    TxnDate: txnDate,
    CurrencyRef: settings.currency,
    ProcessPayment: false,
    DepositToAccountRef: asDoc(input.DepositToAccountRef),
  });
}

/** A voided payment keeps its record with zero amounts; it no longer pays anything. */
export function voidPayment(payment: Doc): Doc {
  const lines = (Array.isArray(payment.Line) ? payment.Line : []).filter(isDoc).map((l) => ({ ...l, Amount: 0 }));
  return { ...payment, Line: lines, TotalAmt: 0, UnappliedAmt: 0, PrivateNote: "Voided" };
}
