import { asBoolean, asDoc, asString, isDoc, type Doc } from "./documents";

/** What the entity rules need to know about a company, read from its Preferences and CompanyInfo. */
export interface CompanySettings {
  country: string;
  currency: { value: string; name: string };
  customTxnNumbers: boolean;
  bookCloseDate?: string;
  revenueRecognition: boolean;
  customFields: { definitionId: string; name: string }[];
  /** The terms an invoice gets when it names none (`SalesFormsPrefs.DefaultTerms`). */
  defaultTermId?: string;
  /** Today in the company's time zone, `YYYY-MM-DD`. */
  today: string;
}

const CURRENCIES: Record<string, { value: string; name: string }> = {
  US: { value: "USD", name: "United States Dollar" },
  CA: { value: "CAD", name: "Canadian Dollar" },
  GB: { value: "GBP", name: "British Pound Sterling" },
  AU: { value: "AUD", name: "Australian Dollar" },
  FR: { value: "EUR", name: "Euro" },
  IN: { value: "INR", name: "Indian Rupee" },
};

export function currencyFor(country: string): { value: string; name: string } {
  return CURRENCIES[country] ?? { value: "USD", name: "United States Dollar" };
}

/**
 * Custom fields as QBO's preferences describe them: `SalesFormsPrefs.CustomField` holds groups of
 * `{Name: "SalesFormsPrefs.UseSalesCustomN", BooleanValue}` and `{Name: "SalesFormsPrefs.SalesCustomNameN", StringValue}`.
 */
export function enabledCustomFields(salesFormsPrefs: Doc | undefined): { definitionId: string; name: string }[] {
  const entries = (Array.isArray(salesFormsPrefs?.CustomField) ? salesFormsPrefs.CustomField : [])
    .flatMap((group: unknown) => (isDoc(group) && Array.isArray(group.CustomField) ? group.CustomField : []))
    .filter(isDoc);
  const result: { definitionId: string; name: string }[] = [];
  for (const n of [1, 2, 3]) {
    const use = entries.find((e) => e.Name === `SalesFormsPrefs.UseSalesCustom${n}`);
    const label = entries.find((e) => e.Name === `SalesFormsPrefs.SalesCustomName${n}`);
    const name = asString(label?.StringValue);
    if (asBoolean(use?.BooleanValue) && name) result.push({ definitionId: String(n), name });
  }
  return result;
}

export function companySettings(companyInfo: Doc, preferences: Doc, today: string): CompanySettings {
  const salesForms = asDoc(preferences.SalesFormsPrefs);
  const accounting = asDoc(preferences.AccountingInfoPrefs);
  const products = asDoc(preferences.ProductAndServicesPrefs);
  const country = asString(companyInfo.Country) ?? "US";
  return {
    country,
    currency: currencyFor(country),
    customTxnNumbers: asBoolean(salesForms?.CustomTxnNumbers) ?? false,
    bookCloseDate: asString(accounting?.BookCloseDate),
    revenueRecognition: asBoolean(products?.RevenueRecognition) ?? false,
    customFields: enabledCustomFields(salesForms),
    defaultTermId: asString(asDoc(salesForms?.DefaultTerms)?.value),
    today,
  };
}

/** The sales-tax name QBO uses in its messages for a country. */
export function taxName(country: string): string {
  if (country === "CA") return "GST/HST";
  if (country === "GB" || country === "FR") return "VAT";
  if (country === "AU" || country === "IN") return "GST";
  return "tax";
}

/** A transaction dated on or before the closing date falls in the closed period. */
export function inClosedPeriod(settings: CompanySettings, txnDate: string | undefined): boolean {
  return Boolean(settings.bookCloseDate && txnDate && txnDate <= settings.bookCloseDate);
}
