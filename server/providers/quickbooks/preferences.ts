/**
 * The parts of the company's Preferences (`GET /preferences`) Tandem reads. Invoice custom fields
 * are described in `SalesFormsPrefs.CustomField`: groups of `{Name, Type, BooleanValue | StringValue}`
 * entries, `SalesFormsPrefs.UseSalesCustomN` (on or off) and `SalesFormsPrefs.SalesCustomNameN`
 * (its label), N = 1…3, which is also the field's `DefinitionId` on an invoice.
 */
export interface QboPreferenceEntry {
  Name: string;
  Type?: string;
  BooleanValue?: boolean;
  StringValue?: string;
}

export interface QboPreferences {
  Id?: string;
  SyncToken?: string;
  SalesFormsPrefs?: {
    CustomField?: Array<{ CustomField?: QboPreferenceEntry[] }>;
    CustomTxnNumbers?: boolean;
    AllowServiceDate?: boolean;
  } & Record<string, unknown>;
  [section: string]: unknown;
}

/** An invoice custom field switched on in the company: its definition id and the name users see. */
export interface QboCustomFieldDefinition {
  definitionId: string;
  name: string;
}

/**
 * The company's switched-on sales-form custom fields. Only the three classic fields live in
 * Preferences; QuickBooks' newer "enhanced" custom fields are defined elsewhere (its GraphQL API)
 * and are not offered.
 */
export function invoiceCustomFields(preferences: QboPreferences): QboCustomFieldDefinition[] {
  const entries = (preferences.SalesFormsPrefs?.CustomField ?? []).flatMap((group) => group.CustomField ?? []);
  const fields: QboCustomFieldDefinition[] = [];
  for (const n of [1, 2, 3]) {
    const on = entries.find((e) => e.Name === `SalesFormsPrefs.UseSalesCustom${n}`)?.BooleanValue === true;
    const name = entries.find((e) => e.Name === `SalesFormsPrefs.SalesCustomName${n}`)?.StringValue?.trim();
    if (on && name) fields.push({ definitionId: String(n), name });
  }
  return fields;
}

/** What the company's accounting preferences refuse in an invoice: a date in closed books, a line without a service date. */
export interface InvoiceWriteRules {
  /** Invoices dated on or before it are refused (YYYY-MM-DD), or null when no books are closed. */
  bookCloseDate: string | null;
  /** Revenue recognition is on: every line needs a service date. */
  revenueRecognition: boolean;
}

export function invoiceWriteRules(preferences: QboPreferences): InvoiceWriteRules {
  const accounting = (preferences.AccountingInfoPrefs ?? {}) as { BookCloseDate?: unknown };
  const products = (preferences.ProductAndServicesPrefs ?? {}) as { RevenueRecognition?: unknown };
  return {
    bookCloseDate: typeof accounting.BookCloseDate === "string" && accounting.BookCloseDate ? accounting.BookCloseDate : null,
    revenueRecognition: products.RevenueRecognition === true,
  };
}

/** The parts of the company's CompanyInfo (`GET /companyinfo/{realmId}`) Tandem reads. */
export interface QboCompanyInfo {
  Id?: string;
  CompanyName?: string;
  /** ISO 3166 alpha-2 country of the company ("US", "CA", "GB"…); it decides tax rules. */
  Country?: string;
  [field: string]: unknown;
}
