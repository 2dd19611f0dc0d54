/** The QBO entities the sandbox serves, by canonical name, with the top-level properties a query may filter on. */
export const ENTITY_TYPES = ["Customer", "Item", "Account", "Term", "Invoice", "Payment", "Preferences", "CompanyInfo", "TaxCode", "TaxRate"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Entities kept in the shared entity table (Preferences and CompanyInfo live on the company, tax codes and rates come with its country). */
export type ListedEntityType = Exclude<EntityType, "Preferences" | "CompanyInfo" | "TaxCode" | "TaxRate">;

/** Read-only entities the company's country defines. */
export const TAX_ENTITY_TYPES = ["TaxCode", "TaxRate"] as const;
export type TaxEntityType = (typeof TAX_ENTITY_TYPES)[number];
export const LISTED_ENTITY_TYPES: readonly ListedEntityType[] = ["Customer", "Item", "Account", "Term", "Invoice", "Payment"];

/** Name-list entities cannot be deleted, only made inactive, and plain queries hide inactive ones. */
export const NAME_LIST_TYPES: readonly ListedEntityType[] = ["Customer", "Item", "Account", "Term"];

/** Entities whose changes trigger webhooks. */
export const WEBHOOK_TYPES: readonly ListedEntityType[] = ["Customer", "Item", "Invoice", "Payment", "Account"];

export const QUERYABLE_PROPERTIES: Record<EntityType, readonly string[]> = {
  Customer: [
    "Id", "SyncToken", "MetaData", "DisplayName", "Title", "GivenName", "MiddleName", "FamilyName", "Suffix", "CompanyName",
    "FullyQualifiedName", "PrimaryEmailAddr", "PrimaryPhone", "Active", "Balance", "BalanceWithJobs", "Taxable", "Job", "ParentRef",
    "PrintOnCheckName", "Notes",
  ],
  Item: ["Id", "SyncToken", "MetaData", "Name", "Sku", "Type", "Active", "UnitPrice", "Description", "FullyQualifiedName", "IncomeAccountRef", "Taxable", "QtyOnHand", "ParentRef"],
  Account: ["Id", "SyncToken", "MetaData", "Name", "AccountType", "AccountSubType", "Classification", "Active", "CurrentBalance", "FullyQualifiedName", "AcctNum", "SubAccount"],
  Term: ["Id", "SyncToken", "MetaData", "Name", "Active", "Type", "DueDays", "DiscountPercent", "DiscountDays"],
  Invoice: ["Id", "SyncToken", "MetaData", "DocNumber", "TxnDate", "DueDate", "CustomerRef", "TotalAmt", "Balance", "EmailStatus", "PrivateNote", "CurrencyRef", "BillEmail"],
  Payment: ["Id", "SyncToken", "MetaData", "CustomerRef", "TotalAmt", "UnappliedAmt", "TxnDate", "PaymentRefNum", "PrivateNote"],
  Preferences: ["Id", "SyncToken", "MetaData"],
  CompanyInfo: ["Id", "SyncToken", "MetaData", "CompanyName", "Country"],
  TaxCode: ["Id", "SyncToken", "MetaData", "Name", "Description", "Active", "Taxable", "TaxGroup", "Hidden"],
  TaxRate: ["Id", "SyncToken", "MetaData", "Name", "Description", "Active", "RateValue", "AgencyRef", "SpecialTaxType", "DisplayType"],
};

export function isTaxEntityType(type: EntityType): type is TaxEntityType {
  return (TAX_ENTITY_TYPES as readonly string[]).includes(type);
}

export function canonicalEntityType(name: string): EntityType | undefined {
  return ENTITY_TYPES.find((t) => t.toLowerCase() === name.toLowerCase());
}

export function isListedEntityType(type: EntityType): type is ListedEntityType {
  return (LISTED_ENTITY_TYPES as readonly string[]).includes(type);
}
