import { inClosedPeriod, taxName, type CompanySettings } from "./company-settings";
import { asBoolean, asDoc, asNumber, asString, asText, compact, isDoc, refValue, roundMoney, type Doc } from "./documents";
import { faults } from "./faults";
import { applyTax, taxCatalog, taxMode } from "./tax";
import { addDays, isIsoDate } from "./time";

export interface InvoiceContext {
  findCustomer(id: string): Promise<Doc | undefined>;
  findItem(id: string): Promise<Doc | undefined>;
  findTerm(id: string): Promise<Doc | undefined>;
  /** The Id of another invoice (not `exceptId`) already using this DocNumber, ignoring case. */
  invoiceWithDocNumber(docNumber: string, exceptId?: string): Promise<string | undefined>;
  nextDocNumber(): Promise<string>;
}

export interface InvoiceOptions {
  /** `include=allowduplicatedocnum`. */
  allowDuplicateDocNumber: boolean;
}

const MAX_DOC_NUMBER = 21;

function money(value: unknown): number | undefined {
  const n = asNumber(value);
  return n === undefined ? undefined : roundMoney(n);
}

async function salesLine(line: Doc, settings: CompanySettings, ctx: InvoiceContext): Promise<Doc> {
  const detail = asDoc(line.SalesItemLineDetail) ?? {};
  const itemId = refValue(detail.ItemRef);
  if (!itemId) throw faults.requiredParam("Line.SalesItemLineDetail.ItemRef");
  const item = await ctx.findItem(itemId);
  if (!item || item.Active === false) throw faults.invalidReference(`Item Id=${itemId}`);
  let qty = asNumber(detail.Qty);
  let unitPrice = asNumber(detail.UnitPrice);
  let amount = money(line.Amount);
  if (amount === undefined) {
    if (qty === undefined || unitPrice === undefined) throw faults.requiredParam("Line.Amount");
    amount = roundMoney(qty * unitPrice);
  } else if (qty !== undefined && unitPrice !== undefined) {
    if (roundMoney(qty * unitPrice) !== amount) throw faults.amountMismatch(amount);
  } else if (qty !== undefined && qty !== 0) {
    unitPrice = amount / qty;
  } else if (unitPrice !== undefined && unitPrice !== 0) {
    qty = amount / unitPrice;
  }
  const serviceDate = asText(detail.ServiceDate);
  if (serviceDate && !isIsoDate(serviceDate)) throw faults.invalidField(`ServiceDate value ${serviceDate}`);
  if (settings.revenueRecognition && !serviceDate) {
    throw faults.businessValidation("Enter a service date for the revenue recognition line.");
  }
  const taxCode = refValue(detail.TaxCodeRef);
  return compact({
    ...line,
    Amount: amount,
    DetailType: "SalesItemLineDetail",
    SalesItemLineDetail: compact({
      ...detail,
      ItemRef: { value: itemId, name: asString(item.Name) },
      Qty: qty,
      UnitPrice: unitPrice,
      ServiceDate: serviceDate,
      TaxCodeRef:
        settings.country === "US" ? { value: taxCode ?? (item.Taxable === true ? "TAX" : "NON") } : taxCode ? { value: taxCode } : undefined,
    }),
  });
}

function discountLine(line: Doc, subtotal: number): Doc {
  const detail = asDoc(line.DiscountLineDetail) ?? {};
  const percentBased = asBoolean(detail.PercentBased) ?? false;
  const percent = asNumber(detail.DiscountPercent);
  let amount = money(line.Amount);
  if (percentBased && percent !== undefined) amount = roundMoney((subtotal * percent) / 100);
  if (amount === undefined) throw faults.discountWithoutAmount();
  return compact({ ...line, Amount: amount, DetailType: "DiscountLineDetail", DiscountLineDetail: compact({ ...detail, PercentBased: percentBased, DiscountPercent: percent }) });
}

/** Invoice totals as QBO computes them: sales lines, minus discounts, plus tax. */
export function invoiceTotals(lines: Doc[], totalTax: number): { subtotal: number; discount: number; total: number } {
  const subtotal = roundMoney(
    lines.filter((l) => l.DetailType === "SalesItemLineDetail" || l.DetailType === "GroupLineDetail").reduce((sum, l) => sum + (asNumber(l.Amount) ?? 0), 0),
  );
  const discount = roundMoney(lines.filter((l) => l.DetailType === "DiscountLineDetail").reduce((sum, l) => sum + (asNumber(l.Amount) ?? 0), 0));
  return { subtotal, discount, total: roundMoney(subtotal - discount + totalTax) };
}

function customFields(input: Doc, settings: CompanySettings): Doc[] | undefined {
  if (settings.customFields.length === 0) return undefined;
  const supplied = (Array.isArray(input.CustomField) ? input.CustomField : []).filter(isDoc);
  return settings.customFields.map(({ definitionId, name }) => {
    const value = asString(supplied.find((f) => asString(f.DefinitionId) === definitionId)?.StringValue);
    return compact({ DefinitionId: definitionId, Name: name, Type: "StringType", StringValue: value });
  });
}

/**
 * The invoice's terms: the ones it names (an empty value clears them), else on a new invoice the
 * company's default terms. They set the due date when none is given.
 */
async function salesTerm(input: Doc, existing: Doc | undefined, settings: CompanySettings, ctx: InvoiceContext): Promise<Doc | undefined> {
  const named = "SalesTermRef" in input;
  const id = named ? refValue(input.SalesTermRef) : existing ? undefined : settings.defaultTermId;
  if (!id) return undefined;
  const term = await ctx.findTerm(id);
  if (!term || term.Active === false) {
    if (named) throw faults.invalidReference(`SalesTermRef Id=${id}`);
    return undefined;
  }
  return { ...term, Id: id };
}

/**
 * Builds an Invoice document from the (merged) input: references resolved, lines checked and
 * numbered, DocNumber assigned or checked, totals computed. `amountPaid` and `linkedPayments` come
 * from the payments applied to it; `existing` is the stored invoice on update.
 */
export async function prepareInvoice(
  input: Doc,
  existing: Doc | undefined,
  settings: CompanySettings,
  ctx: InvoiceContext,
  options: InvoiceOptions,
  payments: { amountPaid: number; linkedPaymentIds: string[] } = { amountPaid: 0, linkedPaymentIds: [] },
): Promise<Doc> {
  const customerId = refValue(input.CustomerRef);
  if (!customerId) throw faults.requiredParam("CustomerRef");
  const customer = await ctx.findCustomer(customerId);
  if (!customer || customer.Active === false) throw faults.invalidReference(`Customer Id=${customerId}`);

  const inputLines = (Array.isArray(input.Line) ? input.Line : []).filter(isDoc).filter((l) => l.DetailType !== "SubTotalLineDetail");
  if (inputLines.length === 0) throw faults.requiredParam("Line");

  const txnDate = asText(input.TxnDate) ?? asText(existing?.TxnDate) ?? settings.today;
  if (!isIsoDate(txnDate)) throw faults.invalidField(`TxnDate value ${txnDate}`);
  if (inClosedPeriod(settings, txnDate)) throw faults.closedPeriod();
  const term = await salesTerm(input, existing, settings, ctx);
  const dueDate = asText(input.DueDate) ?? addDays(txnDate, asNumber(term?.DueDays) ?? 0);
  if (!isIsoDate(dueDate)) throw faults.invalidField(`DueDate value ${dueDate}`);

  const lines: Doc[] = [];
  for (const line of inputLines) {
    const type = asString(line.DetailType);
    if (type === "SalesItemLineDetail") lines.push(await salesLine(line, settings, ctx));
    else if (type === "DescriptionOnly") lines.push(compact({ ...line, Amount: money(line.Amount) ?? 0 }));
    else if (type === "GroupLineDetail") lines.push(compact({ ...line, Amount: money(line.Amount) ?? 0 }));
    else if (type !== "DiscountLineDetail") throw faults.invalidField(`Line.DetailType value ${type ?? "(none)"}`);
    else lines.push(line);
  }
  const { subtotal: salesSubtotal } = invoiceTotals(lines, 0);
  const withDiscounts = lines.map((l) => (l.DetailType === "DiscountLineDetail" ? discountLine(l, salesSubtotal) : l));

  const taxDetail = asDoc(input.TxnTaxDetail);
  const mode = taxMode(input);
  let taxedLines = withDiscounts;
  let computedTax: Doc | undefined;
  if (settings.country !== "US") {
    const txnTaxCode = refValue(taxDetail?.TxnTaxCodeRef);
    const everyLineTaxed = withDiscounts
      .filter((l) => l.DetailType === "SalesItemLineDetail")
      .every((l) => refValue(asDoc(l.SalesItemLineDetail)?.TaxCodeRef));
    if (!txnTaxCode && !everyLineTaxed) {
      throw faults.businessValidation(`Make sure all your transactions have a ${taxName(settings.country)} rate before you save.`);
    }
    const taxed = applyTax(withDiscounts, mode, taxCatalog(settings.country), txnTaxCode);
    taxedLines = taxed.lines;
    computedTax = taxed.taxDetail;
  }
  // A US company's tax comes from the customer's location (not modelled): the client's TotalTax stands.
  const totalTax = asNumber(computedTax?.TotalTax) ?? money(taxDetail?.TotalTax) ?? 0;

  let maxLineId = Math.max(0, ...taxedLines.map((l) => Number(asString(l.Id)) || 0));
  const numbered = taxedLines.map((l, index) => compact({ ...l, Id: asText(l.Id) ?? String(++maxLineId), LineNum: index + 1 }));
  const totals = invoiceTotals(numbered, totalTax);

  let docNumber = asText(input.DocNumber);
  if (docNumber && docNumber.length > MAX_DOC_NUMBER) throw faults.stringLength("DocNumber", MAX_DOC_NUMBER, docNumber.length);
  if (settings.customTxnNumbers) {
    const clash = docNumber && !options.allowDuplicateDocNumber ? await ctx.invoiceWithDocNumber(docNumber, asText(existing?.Id)) : undefined;
    if (docNumber && clash) throw faults.duplicateDocNumber(docNumber, clash);
  } else {
    docNumber ??= asText(existing?.DocNumber) ?? (await ctx.nextDocNumber());
  }

  const emailStatus = asText(input.EmailStatus) ?? "NotSet";
  if (!["NotSet", "NeedToSend", "EmailSent"].includes(emailStatus)) throw faults.invalidField(`EmailStatus value ${emailStatus}`);
  const billEmail = asText(asDoc(input.BillEmail)?.Address) ?? (existing ? undefined : asText(asDoc(customer.PrimaryEmailAddr)?.Address));
  if (emailStatus === "NeedToSend" && !billEmail) {
    throw faults.businessValidation("You must have an email address to send this transaction. Set BillEmail.Address.");
  }

  const voided = existing ? isVoided(existing) : false;
  const total = voided ? 0 : totals.total;
  return compact({
    ...input,
    CustomerRef: { value: customerId, name: asString(customer.DisplayName) },
    Line: [...numbered, { Amount: totals.subtotal, DetailType: "SubTotalLineDetail", SubTotalLineDetail: {} }],
    TxnDate: txnDate,
    DueDate: dueDate,
    SalesTermRef: term ? { value: asString(term.Id) } : undefined,
    DocNumber: docNumber,
    CustomField: customFields(input, settings),
    CurrencyRef: settings.currency,
    TxnTaxDetail: computedTax ?? compact({ ...taxDetail, TotalTax: totalTax }),
    GlobalTaxCalculation: settings.country === "US" ? undefined : mode,
    EmailStatus: emailStatus,
    BillEmail: billEmail ? { Address: billEmail } : undefined,
    PrintStatus: asText(input.PrintStatus) ?? "NotSet",
    ApplyTaxAfterDiscount: asBoolean(input.ApplyTaxAfterDiscount) ?? false,
    LinkedTxn: payments.linkedPaymentIds.map((id) => ({ TxnId: id, TxnType: "Payment" })),
    TotalAmt: total,
    Balance: voided ? 0 : roundMoney(Math.max(0, total - payments.amountPaid)),
  });
}

export function isVoided(invoice: Doc): boolean {
  return asString(invoice.PrivateNote)?.startsWith("Voided") === true && asNumber(invoice.TotalAmt) === 0;
}

/** A voided invoice keeps its record; amounts and quantities become 0 and "Voided" goes into PrivateNote. */
export function voidInvoice(invoice: Doc): Doc {
  const lines = (Array.isArray(invoice.Line) ? invoice.Line : []).filter(isDoc).map((line) => {
    const detail = asDoc(line.SalesItemLineDetail);
    return compact({
      ...line,
      Amount: 0,
      SalesItemLineDetail: detail ? { ...detail, Qty: 0, UnitPrice: 0 } : undefined,
    });
  });
  const taxDetail = asDoc(invoice.TxnTaxDetail);
  return {
    ...invoice,
    Line: lines,
    TotalAmt: 0,
    Balance: 0,
    LinkedTxn: [],
    TxnTaxDetail: taxDetail ? { ...taxDetail, TotalTax: 0 } : undefined,
    PrivateNote: "Voided",
  };
}
