import type { SyncObject } from "../../db/schema";
import type { QboCustomFieldDefinition } from "../../providers/quickbooks/preferences";
import { QUICKBOOKS_TERMS_PATH } from "../../providers/quickbooks/terms";
import type { CatalogueField } from "./fields";
import type { FieldKind } from "./types";

/**
 * The QuickBooks Online entity fields Tandem reads and writes, by path as the side adapters
 * flatten them (`BillAddr.City`). QuickBooks has no metadata API for its entities, so this is the
 * list from its entity reference (shared/reference/quickbooks-online.md, the Java SDK's XSD).
 * Refs are offered by their value (an id) only where a HubSpot property can hold the same value
 * (currency codes); customer and item refs are the sync's own business and never mapped.
 */
type Spec = [path: string, label: string, kind: FieldKind, extra?: { readOnly?: boolean; options?: string[] }];

function field([path, label, kind, extra = {}]: Spec): CatalogueField {
  return {
    path,
    label,
    kind,
    ...(extra.options ? { options: extra.options.map((value) => ({ value, label: value })) } : {}),
    readOnly: extra.readOnly ?? false,
    custom: false,
  };
}

function address(prefix: "BillAddr" | "ShipAddr", label: string): Spec[] {
  return [
    [`${prefix}.Line1`, `${label} street`, "text"],
    [`${prefix}.Line2`, `${label} street (line 2)`, "text"],
    [`${prefix}.City`, `${label} city`, "text"],
    [`${prefix}.CountrySubDivisionCode`, `${label} state/province`, "text"],
    [`${prefix}.PostalCode`, `${label} postal code`, "text"],
    [`${prefix}.Country`, `${label} country`, "text"],
  ];
}

const CUSTOMER: Spec[] = [
  ["DisplayName", "Display name", "text"],
  ["Title", "Title", "text"],
  ["GivenName", "First name", "text"],
  ["MiddleName", "Middle name", "text"],
  ["FamilyName", "Last name", "text"],
  ["Suffix", "Suffix", "text"],
  ["CompanyName", "Company name", "text"],
  ["PrimaryEmailAddr.Address", "Email", "email"],
  ["PrimaryPhone.FreeFormNumber", "Phone", "text"],
  ["Mobile.FreeFormNumber", "Mobile", "text"],
  ["Fax.FreeFormNumber", "Fax", "text"],
  ["WebAddr.URI", "Website", "text"],
  ...address("BillAddr", "Billing"),
  ...address("ShipAddr", "Shipping"),
  ["Notes", "Notes", "text"],
  ["Taxable", "Taxable", "boolean"],
  ["Balance", "Open balance", "money", { readOnly: true }],
];

const ITEM: Spec[] = [
  ["Name", "Name", "text"],
  ["Sku", "SKU", "text"],
  ["Type", "Type", "enum", { options: ["Service", "NonInventory", "Inventory"] }],
  ["UnitPrice", "Sales price", "money"],
  ["Description", "Sales description", "text"],
  ["PurchaseCost", "Cost", "money"],
  ["PurchaseDesc", "Purchase description", "text"],
  ["Taxable", "Taxable", "boolean"],
  ["QtyOnHand", "Quantity on hand", "number", { readOnly: true }],
];

const INVOICE: Spec[] = [
  ["DocNumber", "Invoice number", "text"],
  ["TxnDate", "Invoice date", "date"],
  ["DueDate", "Due date", "date"],
  [QUICKBOOKS_TERMS_PATH, "Terms", "text"],
  ["CustomerMemo.value", "Message on invoice", "text"],
  ["PrivateNote", "Message on statement (private note)", "text"],
  ["CurrencyRef.value", "Currency", "text"],
  ["BillEmail.Address", "Billing email", "email"],
  ["ShipDate", "Ship date", "date"],
  ["TrackingNum", "Tracking number", "text"],
  ...address("BillAddr", "Billing"),
  ...address("ShipAddr", "Shipping"),
  ["EmailStatus", "Email status", "enum", { options: ["NotSet", "NeedToSend", "EmailSent"] }],
  ["TotalAmt", "Total", "money", { readOnly: true }],
  ["Balance", "Balance due", "money", { readOnly: true }],
];

/** A sales line's amount is Qty × UnitPrice (QuickBooks refuses anything else), so it is only read. */
const INVOICE_LINE: Spec[] = [
  ["Description", "Description", "text"],
  ["SalesItemLineDetail.Qty", "Quantity", "number"],
  ["SalesItemLineDetail.UnitPrice", "Rate", "money"],
  ["SalesItemLineDetail.ServiceDate", "Service date", "date"],
  ["Amount", "Amount", "money", { readOnly: true }],
];

// Tandem writes a payment's amount itself, and its memo carries the HubSpot payment's id (how a
// retried create finds its first attempt): both are read-only to mappings.
const PAYMENT: Spec[] = [
  ["TotalAmt", "Amount received", "money", { readOnly: true }],
  ["TxnDate", "Payment date", "date"],
  ["PaymentRefNum", "Reference number", "text"],
  ["PrivateNote", "Memo", "text", { readOnly: true }],
  ["CurrencyRef.value", "Currency", "text"],
  ["UnappliedAmt", "Unapplied amount", "money", { readOnly: true }],
];

const STATIC: Record<SyncObject, Record<string, Spec[]>> = {
  contacts: { "": CUSTOMER },
  products: { "": ITEM },
  invoices: { "": INVOICE, lines: INVOICE_LINE },
  payments: { "": PAYMENT },
};

/** The path a QuickBooks invoice custom field is mapped under. */
export function customFieldPath(definitionId: string): string {
  return `CustomField:${definitionId}`;
}

/**
 * The QuickBooks fields of an object's collection: the entity's own, and for invoices the
 * company's switched-on custom fields (QuickBooks stores their values as strings).
 */
export function quickbooksFields(object: SyncObject, collection: string, customFields: QboCustomFieldDefinition[]): CatalogueField[] {
  const own = (STATIC[object][collection] ?? []).map(field);
  if (object !== "invoices" || collection !== "") return own;
  return [
    ...own,
    ...customFields.map((c) => ({ path: customFieldPath(c.definitionId), label: c.name, kind: "text" as const, readOnly: false, custom: true })),
  ];
}

/** Whether the object's record needs the company's custom field definitions (a Preferences read). */
export function usesCustomFields(object: SyncObject, collection: string): boolean {
  return object === "invoices" && collection === "";
}
