import type { SyncObject } from "../../db/schema";
import { PAYMENT_TERMS_PROPERTY } from "../../providers/hubspot/tandem-properties";
import { QUICKBOOKS_TERMS_PATH } from "../../providers/quickbooks/terms";
import { INVOICE_FIELDS } from "../engine/lines";
import type { FieldMapping, MappingDefinition } from "./types";

const LINES_FOLLOW_THE_INVOICE = "Lines sync with their invoice, in the invoice sync's direction.";

/**
 * The mappings every org starts with, each of which can be switched off. Keys are the canonical
 * field names snapshots are kept under; never rename one once links exist.
 */
export const DEFAULT_MAPPINGS: Record<SyncObject, MappingDefinition[]> = {
  contacts: [
    { key: "email", label: "Email", hubspotProperty: "email", quickbooksPath: "PrimaryEmailAddr.Address", kind: "email" },
    { key: "firstName", label: "First name", hubspotProperty: "firstname", quickbooksPath: "GivenName", kind: "text" },
    { key: "lastName", label: "Last name", hubspotProperty: "lastname", quickbooksPath: "FamilyName", kind: "text" },
    { key: "companyName", label: "Company name", hubspotProperty: "company", quickbooksPath: "CompanyName", kind: "text" },
    { key: "phone", label: "Phone", hubspotProperty: "phone", quickbooksPath: "PrimaryPhone.FreeFormNumber", kind: "text" },
  ],
  products: [
    { key: "name", label: "Name", hubspotProperty: "name", quickbooksPath: "Name", kind: "text" },
    { key: "sku", label: "SKU", hubspotProperty: "hs_sku", quickbooksPath: "Sku", kind: "text" },
    { key: "price", label: "Unit price", hubspotProperty: "price", quickbooksPath: "UnitPrice", kind: "money" },
    { key: "description", label: "Description", hubspotProperty: "description", quickbooksPath: "Description", kind: "text" },
  ],
  invoices: [
    { key: "number", label: "Invoice number", hubspotProperty: "hs_number", quickbooksPath: "DocNumber", kind: "text" },
    { key: "invoiceDate", label: "Invoice date", hubspotProperty: "hs_invoice_date", quickbooksPath: "TxnDate", kind: "date" },
    { key: "dueDate", label: "Due date", hubspotProperty: "hs_due_date", quickbooksPath: "DueDate", kind: "date" },
    { key: "terms", label: "Terms", hubspotProperty: PAYMENT_TERMS_PROPERTY, quickbooksPath: QUICKBOOKS_TERMS_PATH, kind: "text" },
    { key: "memo", label: "Comments / memo", hubspotProperty: "hs_comments", quickbooksPath: "CustomerMemo.value", kind: "text" },
    { key: "currency", label: "Currency", hubspotProperty: "hs_currency", quickbooksPath: "CurrencyRef.value", kind: "text" },
    {
      key: "billingEmail",
      label: "Billing email",
      hubspotProperty: INVOICE_FIELDS.billingEmail,
      quickbooksPath: "BillEmail.Address",
      kind: "email",
      direction: "to_quickbooks",
      fixedDirection: "HubSpot invoices have no billing email of their own: it is the email of the invoice's contact, so it only goes to QuickBooks (where it is the address QuickBooks emails the invoice to). Change the invoice's contact in HubSpot to change it.",
    },
    {
      key: "lineDescription",
      label: "Line description",
      collection: "lines",
      hubspotProperty: "description",
      quickbooksPath: "Description",
      kind: "text",
      fixedDirection: LINES_FOLLOW_THE_INVOICE,
      whenOff: "Descriptions aren't copied: each side keeps its own, and editing one changes nothing on the other side.",
    },
    {
      key: "lineQuantity",
      label: "Line quantity",
      collection: "lines",
      hubspotProperty: "quantity",
      quickbooksPath: "SalesItemLineDetail.Qty",
      kind: "number",
      fixedDirection: LINES_FOLLOW_THE_INVOICE,
      whenOff: "Each line goes as 1 × its amount (3 × $20 arrives as 1 × $60); a line whose amount is unchanged keeps its own quantity and price.",
    },
    {
      key: "lineUnitPrice",
      label: "Line unit price",
      collection: "lines",
      hubspotProperty: "price",
      quickbooksPath: "SalesItemLineDetail.UnitPrice",
      kind: "money",
      fixedDirection: LINES_FOLLOW_THE_INVOICE,
      alwaysOn: "A line's amount is its quantity × unit price on both sides: without the price the invoice totals and balances would differ.",
    },
  ],
  payments: [],
};

/** HubSpot-side fields a default mapping reads that are no HubSpot property, named for people. */
const DERIVED_HUBSPOT_FIELDS: Record<string, string> = {
  [INVOICE_FIELDS.billingEmail]: "the invoice contact's email",
};

/** What the mapping reads on the HubSpot side, as the mapping editor shows it. */
export function hubspotFieldName(mapping: Pick<FieldMapping, "hubspotProperty">): string {
  return DERIVED_HUBSPOT_FIELDS[mapping.hubspotProperty] ?? mapping.hubspotProperty;
}

type MappingIdentity = Pick<FieldMapping, "object" | "key" | "collection" | "isDefault">;

const definitionOf = (mapping: MappingIdentity) =>
  mapping.isDefault ? DEFAULT_MAPPINGS[mapping.object].find((d) => d.key === mapping.key && (d.collection ?? "") === mapping.collection) : undefined;

/** What the user can't change on a default mapping, and why; and what switching it off means where that isn't obvious. */
export function rulesOf(mapping: MappingIdentity): { fixedDirection: string | null; alwaysOn: string | null; whenOff: string | null } {
  const definition = definitionOf(mapping);
  return { fixedDirection: definition?.fixedDirection ?? null, alwaysOn: definition?.alwaysOn ?? null, whenOff: definition?.whenOff ?? null };
}
