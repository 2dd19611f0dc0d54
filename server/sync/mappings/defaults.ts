import type { SyncObject } from "../../db/schema";
import type { MappingDefinition } from "./types";

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
    { key: "memo", label: "Comments / memo", hubspotProperty: "hs_comments", quickbooksPath: "CustomerMemo.value", kind: "text" },
    { key: "currency", label: "Currency", hubspotProperty: "hs_currency", quickbooksPath: "CurrencyRef.value", kind: "text" },
  ],
  payments: [],
};
