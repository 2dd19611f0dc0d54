import { asDoc, asNumber, asText, compact, refValue, roundMoney, type Doc } from "./documents";
import { faults } from "./faults";

/**
 * The sales-tax model of non-US QBO companies: each country's TaxRates (one agency's percentage)
 * and TaxCodes (one or more rates applied together), and the tax QBO computes for an invoice from
 * the TaxCode on each sales line. Tax codes and rates come with the company (QBO sets them up when
 * the user turns on VAT / GST); the API only reads them.
 */
export interface TaxRate {
  id: string;
  name: string;
  description: string;
  rate: number;
  agency: string;
}

export interface TaxCode {
  id: string;
  name: string;
  description: string;
  /** Ids of the sales tax rates the code applies; more than one makes it a tax group. */
  rateIds: string[];
  taxable: boolean;
}

interface CountryTaxes {
  rates: TaxRate[];
  codes: TaxCode[];
}

const HMRC = "HM Revenue & Customs";
const CRA = "Canada Revenue Agency";

const CATALOGS: Record<string, CountryTaxes> = {
  GB: {
    rates: [
      { id: "1", name: "20.0% S (VAT on Income)", description: "Standard", rate: 20, agency: HMRC },
      { id: "2", name: "5.0% R (VAT on Income)", description: "Reduced", rate: 5, agency: HMRC },
      { id: "3", name: "0.0% Z (VAT on Income)", description: "Zero-rated", rate: 0, agency: HMRC },
      { id: "4", name: "Exempt (VAT on Income)", description: "Exempt", rate: 0, agency: HMRC },
    ],
    codes: [
      { id: "3", name: "20.0% S", description: "Standard rated", rateIds: ["1"], taxable: true },
      { id: "4", name: "5.0% R", description: "Reduced rate", rateIds: ["2"], taxable: true },
      { id: "5", name: "0.0% Z", description: "Zero-rated", rateIds: ["3"], taxable: true },
      { id: "6", name: "Exempt", description: "Exempt from VAT", rateIds: ["4"], taxable: true },
    ],
  },
  CA: {
    rates: [
      { id: "1", name: "GST", description: "Goods and Services Tax", rate: 5, agency: CRA },
      { id: "2", name: "HST ON", description: "Harmonized Sales Tax Ontario", rate: 13, agency: CRA },
      { id: "3", name: "HST NS", description: "Harmonized Sales Tax Nova Scotia", rate: 15, agency: CRA },
      { id: "4", name: "PST BC", description: "Provincial Sales Tax British Columbia", rate: 7, agency: "Ministry of Finance (BC)" },
      { id: "5", name: "GST Zero-rated", description: "Zero-rated supplies", rate: 0, agency: CRA },
      { id: "6", name: "GST Exempt", description: "Exempt supplies", rate: 0, agency: CRA },
    ],
    codes: [
      { id: "3", name: "GST", description: "GST 5%", rateIds: ["1"], taxable: true },
      { id: "4", name: "HST ON", description: "HST Ontario 13%", rateIds: ["2"], taxable: true },
      { id: "5", name: "HST NS", description: "HST Nova Scotia 15%", rateIds: ["3"], taxable: true },
      { id: "6", name: "GST/PST BC", description: "GST 5% and PST BC 7%", rateIds: ["1", "4"], taxable: true },
      { id: "7", name: "Zero-rated", description: "Zero-rated", rateIds: ["5"], taxable: true },
      { id: "8", name: "Exempt", description: "Exempt", rateIds: ["6"], taxable: true },
    ],
  },
  AU: {
    rates: [
      { id: "1", name: "GST (sales)", description: "GST 10%", rate: 10, agency: "Australian Taxation Office" },
      { id: "2", name: "GST free (sales)", description: "GST free", rate: 0, agency: "Australian Taxation Office" },
    ],
    codes: [
      { id: "3", name: "GST", description: "GST 10%", rateIds: ["1"], taxable: true },
      { id: "4", name: "GST free", description: "GST free", rateIds: ["2"], taxable: true },
    ],
  },
  FR: {
    rates: [
      { id: "1", name: "TVA 20% (ventes)", description: "Taux normal", rate: 20, agency: "DGFiP" },
      { id: "2", name: "TVA 5,5% (ventes)", description: "Taux réduit", rate: 5.5, agency: "DGFiP" },
      { id: "3", name: "TVA 0% (ventes)", description: "Exonéré", rate: 0, agency: "DGFiP" },
    ],
    codes: [
      { id: "3", name: "20,0 %", description: "Taux normal", rateIds: ["1"], taxable: true },
      { id: "4", name: "5,5 %", description: "Taux réduit", rateIds: ["2"], taxable: true },
      { id: "5", name: "0,0 %", description: "Exonéré", rateIds: ["3"], taxable: true },
    ],
  },
  IN: {
    rates: [
      { id: "1", name: "GST 18%", description: "GST 18%", rate: 18, agency: "GSTN" },
      { id: "2", name: "GST 5%", description: "GST 5%", rate: 5, agency: "GSTN" },
      { id: "3", name: "Exempt", description: "Exempt", rate: 0, agency: "GSTN" },
    ],
    codes: [
      { id: "3", name: "GST 18%", description: "GST 18%", rateIds: ["1"], taxable: true },
      { id: "4", name: "GST 5%", description: "GST 5%", rateIds: ["2"], taxable: true },
      { id: "5", name: "Exempt", description: "Exempt", rateIds: ["3"], taxable: true },
    ],
  },
  // A US company taxes per line with the pseudo-codes TAX / NON; the rate comes from the customer's location.
  US: {
    rates: [],
    codes: [
      { id: "TAX", name: "TAX", description: "TAX", rateIds: [], taxable: true },
      { id: "NON", name: "NON", description: "NON", rateIds: [], taxable: false },
    ],
  },
};

export function taxCatalog(country: string): CountryTaxes {
  return CATALOGS[country] ?? { rates: [], codes: [] };
}

/** A TaxCode as the API returns it (without the envelope fields the service adds). */
export function taxCodeDocument(code: TaxCode, catalog: CountryTaxes): Doc {
  const rateDetails = code.rateIds.map((id, order) => {
    const rate = catalog.rates.find((r) => r.id === id)!;
    return { TaxRateRef: { value: rate.id, name: rate.name }, TaxTypeApplicable: "TaxOnAmount", TaxOrder: order };
  });
  return {
    Id: code.id,
    Name: code.name,
    Description: code.description,
    Active: true,
    Hidden: false,
    Taxable: code.taxable,
    TaxGroup: code.rateIds.length > 1,
    SalesTaxRateList: { TaxRateDetail: rateDetails },
    PurchaseTaxRateList: { TaxRateDetail: [] },
  };
}

export function taxRateDocument(rate: TaxRate): Doc {
  return {
    Id: rate.id,
    Name: rate.name,
    Description: rate.description,
    Active: true,
    RateValue: rate.rate,
    AgencyRef: { value: "1", name: rate.agency },
    SpecialTaxType: rate.rate === 0 ? "ZERO_RATE" : "NONE",
    DisplayType: "ReadOnly",
    EffectiveTaxRate: [{ RateValue: rate.rate, EffectiveDate: "2011-01-04T00:00:00Z" }],
  };
}

export const TAX_MODES = ["TaxExcluded", "TaxInclusive", "NotApplicable"] as const;
export type TaxMode = (typeof TAX_MODES)[number];

export function taxMode(input: Doc): TaxMode {
  const mode = asText(input.GlobalTaxCalculation) ?? "TaxExcluded";
  if (!(TAX_MODES as readonly string[]).includes(mode)) throw faults.invalidField(`GlobalTaxCalculation value ${mode}`);
  return mode as TaxMode;
}

function codeOf(line: Doc, catalog: CountryTaxes, fallback: string | undefined): TaxCode {
  const id = refValue(asDoc(line.SalesItemLineDetail)?.TaxCodeRef) ?? fallback;
  const code = id === undefined ? undefined : catalog.codes.find((c) => c.id === id);
  if (!code) throw faults.invalidReference(`TaxCode Id=${id ?? "(none)"}`);
  return code;
}

function percentOf(code: TaxCode, catalog: CountryTaxes): number {
  return code.rateIds.reduce((sum, id) => sum + (catalog.rates.find((r) => r.id === id)?.rate ?? 0), 0);
}

/**
 * Applies a non-US company's tax to an invoice's sales lines. Every sales line carries a TaxCode
 * (the transaction's `TxnTaxDetail.TxnTaxCodeRef` stands in for lines without one). Tax is
 * computed per rate over the sum of the lines it applies to (`NetAmountTaxable`), rounded once
 * per rate, the way QBO's TaxLine does. Under `TaxInclusive` a line's entered amount
 * (`TaxInclusiveAmt`, else `Amount`) includes its tax: the line's `Amount` becomes the net part.
 */
export function applyTax(lines: Doc[], mode: TaxMode, catalog: CountryTaxes, txnTaxCode: string | undefined): { lines: Doc[]; taxDetail: Doc } {
  const taxable = new Map<string, number>();
  const taxed = lines.map((line) => {
    if (line.DetailType !== "SalesItemLineDetail") return line;
    const detail = asDoc(line.SalesItemLineDetail) ?? {};
    const code = codeOf(line, catalog, txnTaxCode);
    let amount = asNumber(line.Amount) ?? 0;
    let result: Doc = { ...line, SalesItemLineDetail: compact({ ...detail, TaxCodeRef: { value: code.id }, TaxInclusiveAmt: undefined }) };
    if (mode === "TaxInclusive") {
      const gross = asNumber(detail.TaxInclusiveAmt) ?? amount;
      amount = roundMoney(gross / (1 + percentOf(code, catalog) / 100));
      const qty = asNumber(detail.Qty);
      result = {
        ...result,
        Amount: amount,
        SalesItemLineDetail: compact({ ...(result.SalesItemLineDetail as Doc), TaxInclusiveAmt: gross, UnitPrice: qty ? amount / qty : detail.UnitPrice }),
      };
    }
    if (mode !== "NotApplicable") for (const id of code.rateIds) taxable.set(id, roundMoney((taxable.get(id) ?? 0) + amount));
    return result;
  });
  const taxLines = [...taxable.entries()].map(([id, base]) => {
    const rate = catalog.rates.find((r) => r.id === id)!;
    return {
      Amount: roundMoney((base * rate.rate) / 100),
      DetailType: "TaxLineDetail",
      TaxLineDetail: { TaxRateRef: { value: id }, PercentBased: true, TaxPercent: rate.rate, NetAmountTaxable: base },
    };
  });
  const totalTax = roundMoney(taxLines.reduce((sum, l) => sum + l.Amount, 0));
  return { lines: taxed, taxDetail: compact({ TxnTaxCodeRef: txnTaxCode ? { value: txnTaxCode } : undefined, TotalTax: totalTax, TaxLine: taxLines }) };
}
