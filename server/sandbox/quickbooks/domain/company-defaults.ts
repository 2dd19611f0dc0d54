import { currencyFor } from "./company-settings";
import type { Doc } from "./documents";

const ISO3: Record<string, string> = { US: "USA", CA: "CAN", GB: "GBR", AU: "AUS", FR: "FRA", IN: "IND" };
export const SUPPORTED_COUNTRIES = Object.keys(ISO3);

export function countryIso3(country: string): string {
  return ISO3[country] ?? country;
}

/** The CompanyInfo document a new sandbox company starts with. */
export function defaultCompanyInfo(name: string, country: string): Doc {
  return {
    CompanyName: name,
    LegalName: name,
    CompanyAddr: { Id: "1", Line1: "2600 Marine Way", City: "Mountain View", CountrySubDivisionCode: "CA", PostalCode: "94043", Country: countryIso3(country) },
    Country: country,
    Email: { Address: "owner@sandbox.example" },
    FiscalYearStartMonth: "January",
    SupportedLanguages: "en",
    DefaultTimeZone: "America/Los_Angeles",
    NameValue: [{ Name: "OfferingSku", Value: "QuickBooks Online Plus" }],
  };
}

/** The Preferences document a new sandbox company starts with: PO Number enabled as custom field 1. */
export function defaultPreferences(country: string): Doc {
  const currency = currencyFor(country);
  return {
    AccountingInfoPrefs: { FirstMonthOfFiscalYear: "January", UseAccountNumbers: false, TaxYearMonth: "January", ClassTrackingPerTxn: false, TrackDepartments: false, CustomerTerminology: "Customers" },
    ProductAndServicesPrefs: { ForSales: true, ForPurchase: true, QuantityWithPriceAndRate: true, QuantityOnHand: true, RevenueRecognition: false, RevenueRecognitionFrequency: "Monthly" },
    SalesFormsPrefs: {
      CustomField: [
        {
          CustomField: [
            { Name: "SalesFormsPrefs.UseSalesCustom1", Type: "BooleanType", BooleanValue: true },
            { Name: "SalesFormsPrefs.UseSalesCustom2", Type: "BooleanType", BooleanValue: false },
            { Name: "SalesFormsPrefs.UseSalesCustom3", Type: "BooleanType", BooleanValue: false },
          ],
        },
        { CustomField: [{ Name: "SalesFormsPrefs.SalesCustomName1", Type: "StringType", StringValue: "PO Number" }] },
      ],
      CustomTxnNumbers: false,
      AllowServiceDate: false,
      AllowDiscount: true,
      AllowDeposit: false,
      AllowShipping: false,
      DefaultTerms: { value: "3" },
      ETransactionEnabledStatus: "NotApplicable",
    },
    TaxPrefs: { UsingSalesTax: country !== "US", PartnerTaxEnabled: country !== "US" },
    CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: currency.value } },
    EmailMessagesPrefs: { InvoiceMessage: { Subject: "Invoice from Sandbox Company", Message: "Your invoice is attached." } },
  };
}

/** The terms every sandbox company starts with, in this order (Net 30, Id 3, is the default terms). */
export const DEFAULT_TERMS: Doc[] = [
  { Name: "Due on receipt", DueDays: 0 },
  { Name: "Net 15", DueDays: 15 },
  { Name: "Net 30", DueDays: 30 },
  { Name: "Net 60", DueDays: 60 },
];

/** The chart of accounts every sandbox company starts with. */
export const DEFAULT_ACCOUNTS: Doc[] = [
  { Name: "Sales of Product Income", AccountType: "Income", AccountSubType: "SalesOfProductIncome" },
  { Name: "Services", AccountType: "Income", AccountSubType: "ServiceFeeIncome" },
  { Name: "Accounts Receivable (A/R)", AccountType: "Accounts Receivable", AccountSubType: "AccountsReceivable" },
  { Name: "Undeposited Funds", AccountType: "Other Current Asset", AccountSubType: "UndepositedFunds" },
  { Name: "Checking", AccountType: "Bank", AccountSubType: "Checking" },
  { Name: "Inventory Asset", AccountType: "Other Current Asset", AccountSubType: "Inventory" },
  { Name: "Cost of Goods Sold", AccountType: "Cost of Goods Sold", AccountSubType: "SuppliesMaterialsCogs" },
];
