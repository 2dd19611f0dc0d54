import type { ObjectType } from "./object-types";

export type PropertyType = "string" | "number" | "date" | "datetime" | "enumeration" | "bool";

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
}

/** A property definition as the properties API returns it. */
export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  description: string;
  groupName: string;
  options: PropertyOption[];
  displayOrder: number;
  calculated: boolean;
  externalOptions: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  hubspotDefined?: boolean;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
  createdAt?: string;
  updatedAt?: string;
}

const FIELD_TYPES: Record<PropertyType, string> = {
  string: "text",
  number: "number",
  date: "date",
  datetime: "date",
  enumeration: "select",
  bool: "booleancheckbox",
};

interface Spec {
  name: string;
  type?: PropertyType;
  label?: string;
  options?: string[];
  readOnly?: boolean;
}

function define(spec: Spec, group: string): PropertyDefinition {
  const type = spec.type ?? "string";
  const options = (spec.options ?? (type === "bool" ? ["true", "false"] : [])).map((value, displayOrder) => ({
    label: value,
    value,
    displayOrder,
    hidden: false,
  }));
  const label = spec.label ?? spec.name.replace(/^hs_/, "").replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase());
  return {
    name: spec.name,
    label,
    type,
    fieldType: FIELD_TYPES[type],
    description: "",
    groupName: group,
    options,
    displayOrder: -1,
    calculated: spec.readOnly ?? false,
    externalOptions: false,
    hasUniqueValue: false,
    hidden: false,
    formField: !spec.readOnly,
    hubspotDefined: true,
    modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: spec.readOnly ?? false },
  };
}

const COMMON: Spec[] = [
  { name: "hs_object_id", type: "number", label: "Record ID", readOnly: true },
  { name: "hs_object_source", readOnly: true },
  { name: "hs_object_source_id", readOnly: true },
  { name: "hs_object_source_label", readOnly: true },
];

const BY_TYPE: Record<ObjectType, Spec[]> = {
  contacts: [
    { name: "email", label: "Email" },
    { name: "firstname", label: "First Name" },
    { name: "lastname", label: "Last Name" },
    { name: "company", label: "Company Name" },
    { name: "phone", label: "Phone Number" },
    { name: "address" },
    { name: "city" },
    { name: "state" },
    { name: "zip" },
    { name: "country" },
    { name: "createdate", type: "datetime", label: "Create Date", readOnly: true },
    { name: "lastmodifieddate", type: "datetime", label: "Last Modified Date", readOnly: true },
  ],
  companies: [
    { name: "name", label: "Company name" },
    { name: "domain", label: "Company Domain Name" },
    { name: "phone" },
    { name: "city" },
    { name: "country" },
    { name: "createdate", type: "datetime", label: "Create Date", readOnly: true },
  ],
  products: [
    { name: "name", label: "Name" },
    { name: "description", label: "Description" },
    { name: "price", type: "number", label: "Unit price" },
    { name: "hs_sku", label: "SKU" },
    { name: "hs_cost_of_goods_sold", type: "number", label: "Unit cost" },
    { name: "createdate", type: "datetime", label: "Create Date", readOnly: true },
  ],
  line_items: [
    { name: "name", label: "Name" },
    { name: "description", label: "Description" },
    { name: "hs_sku", label: "SKU" },
    { name: "quantity", type: "number", label: "Quantity" },
    { name: "price", type: "number", label: "Unit price" },
    { name: "amount", type: "number", label: "Net price", readOnly: true },
    { name: "discount", type: "number", label: "Unit discount" },
    { name: "hs_discount_percentage", type: "number", label: "Discount Percentage" },
    { name: "hs_product_id", label: "Product ID" },
    { name: "hs_line_item_currency_code", label: "Currency" },
    { name: "hs_position_on_quote", type: "number" },
    { name: "hs_service_start_date", type: "date" },
    { name: "hs_tax_rate_group_id", label: "Tax rate" },
    { name: "hs_tax_rate", type: "number", label: "Tax rate (%)", readOnly: true },
    { name: "hs_tax_label", label: "Tax label", readOnly: true },
    { name: "hs_tax_amount", type: "number", label: "Tax amount", readOnly: true },
    { name: "hs_post_tax_amount", type: "number", label: "Post-tax amount", readOnly: true },
    { name: "createdate", type: "datetime", label: "Create Date", readOnly: true },
  ],
  invoices: [
    { name: "hs_number", label: "Number" },
    { name: "hs_title", label: "Title" },
    { name: "hs_currency", label: "Currency" },
    { name: "hs_invoice_status", type: "enumeration", label: "Invoice status", options: ["draft", "open", "paid", "voided"] },
    { name: "hs_invoice_date", type: "datetime", label: "Invoice date" },
    { name: "hs_due_date", type: "datetime", label: "Due date" },
    { name: "hs_purchase_order_number", label: "Purchase order number" },
    { name: "hs_comments", label: "Comments" },
    { name: "hs_amount_billed", type: "number", label: "Amount billed", readOnly: true },
    { name: "hs_amount_paid", type: "number", label: "Amount paid", readOnly: true },
    { name: "hs_balance_due", type: "number", label: "Balance due", readOnly: true },
    { name: "hs_invoice_link", label: "Invoice link", readOnly: true },
    { name: "hs_invoice_billable", type: "bool", label: "Billable" },
    { name: "hs_invoice_source", label: "Invoice source" },
    { name: "hs_external_invoice_id", label: "External invoice ID" },
    { name: "hs_voided_date", type: "datetime", label: "Voided date", readOnly: true },
    { name: "hs_finalized_date", type: "datetime", label: "Finalized date", readOnly: true },
  ],
  commerce_payments: [
    { name: "hs_initial_amount", type: "number", label: "Gross amount" },
    { name: "hs_initiated_date", type: "datetime", label: "Payment date" },
    {
      name: "hs_latest_status",
      type: "enumeration",
      label: "Status",
      options: ["processing", "succeeded", "failed", "refunded", "partially_refunded", "disputed"],
    },
    {
      name: "hs_payment_method_type",
      type: "enumeration",
      label: "Payment method",
      options: ["card", "ach", "cash", "check", "wire_transfer", "other"],
    },
    { name: "hs_processor_type", type: "enumeration", label: "Processor", options: ["hubspot", "stripe", "quickbooks", "other"] },
    { name: "hs_currency_code", label: "Currency" },
    { name: "hs_reference_number", label: "Reference number" },
    { name: "hs_customer_email", label: "Customer email" },
    { name: "hs_internal_comment", label: "Internal comment" },
  ],
};

/** Properties returned when a read names none (HubSpot returns a small default set). */
export const DEFAULT_READ_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ["email", "firstname", "lastname", "createdate", "lastmodifieddate", "hs_object_id"],
  companies: ["name", "domain", "createdate", "hs_lastmodifieddate", "hs_object_id"],
  products: ["name", "price", "description", "createdate", "hs_lastmodifieddate", "hs_object_id"],
  line_items: ["name", "price", "quantity", "amount", "hs_product_id", "createdate", "hs_lastmodifieddate", "hs_object_id"],
  invoices: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
  commerce_payments: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
};

/**
 * Returned whatever `properties` asks for. Contacts carry `createdate` / `lastmodifieddate` (they
 * have no `hs_` date properties); companies, products and line items
 * `createdate` / `hs_lastmodifieddate`; the commerce objects only the `hs_` names.
 */
export const ALWAYS_RETURNED: Record<ObjectType, string[]> = {
  contacts: ["createdate", "lastmodifieddate", "hs_object_id"],
  companies: ["createdate", "hs_lastmodifieddate", "hs_object_id"],
  products: ["createdate", "hs_lastmodifieddate", "hs_object_id"],
  line_items: ["createdate", "hs_lastmodifieddate", "hs_object_id"],
  invoices: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
  commerce_payments: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
};

/** Contacts keep their dates on `createdate` / `lastmodifieddate`; every other object has the `hs_` pair. */
const HS_DATES: Spec[] = [
  { name: "hs_createdate", type: "datetime", label: "Create Date", readOnly: true },
  { name: "hs_lastmodifieddate", type: "datetime", label: "Last Modified Date", readOnly: true },
];

export const lastModifiedProperty = (type: ObjectType) => (type === "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate");

const BUILT_IN: Record<ObjectType, PropertyDefinition[]> = Object.fromEntries(
  (Object.keys(BY_TYPE) as ObjectType[]).map((type) => [
    type,
    [...BY_TYPE[type], ...COMMON, ...(type === "contacts" ? [] : HS_DATES)].map((s) => define(s, `${type}information`)),
  ]),
) as Record<ObjectType, PropertyDefinition[]>;

export function builtInProperties(type: ObjectType): PropertyDefinition[] {
  return BUILT_IN[type];
}

export interface CustomPropertyInput {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description?: string;
  options?: Array<{ label: string; value: string; displayOrder?: number; hidden?: boolean }>;
  hasUniqueValue?: boolean;
  hidden?: boolean;
  formField?: boolean;
}

const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
const PROPERTY_TYPES: PropertyType[] = ["string", "number", "date", "datetime", "enumeration", "bool"];

/** Problems with a custom property definition, empty when it can be created. */
export function customPropertyProblems(input: Partial<CustomPropertyInput>, existing: PropertyDefinition[]): string[] {
  const problems: string[] = [];
  if (!input.name || !NAME_PATTERN.test(input.name)) problems.push("name must start with a lowercase letter and contain only a-z, 0-9 and _");
  else if (input.name.startsWith("hs_")) problems.push("names starting with hs_ are reserved for HubSpot");
  else if (existing.some((p) => p.name === input.name)) problems.push(`A property named '${input.name}' already exists.`);
  if (!input.label) problems.push("label is required");
  if (!input.type || !PROPERTY_TYPES.includes(input.type)) problems.push(`type must be one of ${PROPERTY_TYPES.join(", ")}`);
  if (!input.fieldType) problems.push("fieldType is required");
  if (!input.groupName) problems.push("groupName is required");
  if (input.type === "enumeration" && !(input.options?.length ?? 0)) problems.push("enumeration properties need options");
  return problems;
}

export function customPropertyDefinition(input: CustomPropertyInput, now: Date): PropertyDefinition {
  return {
    name: input.name,
    label: input.label,
    type: input.type,
    fieldType: input.fieldType,
    description: input.description ?? "",
    groupName: input.groupName,
    options: (input.options ?? []).map((o, i) => ({ label: o.label, value: o.value, displayOrder: o.displayOrder ?? i, hidden: o.hidden ?? false })),
    displayOrder: -1,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: input.hasUniqueValue ?? false,
    hidden: input.hidden ?? false,
    formField: input.formField ?? true,
    modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

export interface PropertyValueError {
  name: string;
  error: "PROPERTY_DOESNT_EXIST" | "READ_ONLY_VALUE" | "INVALID_INTEGER" | "INVALID_OPTION" | "INVALID_DATE" | "INVALID_EMAIL";
  message: string;
}

/**
 * Checks values a client wants to write. `computedByServer` names properties the sandbox sets
 * itself that clients may not write (HubSpot: READ_ONLY_VALUE).
 */
export function propertyValueErrors(values: Record<string, unknown>, definitions: PropertyDefinition[]): PropertyValueError[] {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const errors: PropertyValueError[] = [];
  for (const [name, raw] of Object.entries(values)) {
    const def = byName.get(name);
    if (!def) {
      errors.push({ name, error: "PROPERTY_DOESNT_EXIST", message: `Property "${name}" does not exist` });
      continue;
    }
    if (def.modificationMetadata.readOnlyValue) {
      errors.push({ name, error: "READ_ONLY_VALUE", message: `${name} is a read only property; its value cannot be set.` });
      continue;
    }
    const value = raw === null || raw === undefined ? "" : String(raw);
    if (value === "") continue;
    if (def.name === "email" && !isEmailAddress(value)) {
      errors.push({ name, error: "INVALID_EMAIL", message: `Email address ${value} is invalid` });
    } else if (def.type === "number" && !Number.isFinite(Number(value))) {
      errors.push({ name, error: "INVALID_INTEGER", message: `${JSON.stringify(value)} is not a valid number for ${name}` });
    } else if ((def.type === "date" || def.type === "datetime") && toEpochMillis(value) === null) {
      errors.push({ name, error: "INVALID_DATE", message: `${JSON.stringify(value)} is not a valid date for ${name}` });
    } else if ((def.type === "enumeration" || def.type === "bool") && def.options.length && !def.options.some((o) => o.value === value)) {
      errors.push({ name, error: "INVALID_OPTION", message: `${value} was not one of the allowed options: ${def.options.map((o) => o.value).join(", ")}` });
    }
  }
  return errors;
}

/**
 * The contact's `email` must look like an address (HubSpot refuses "not-an-email" with
 * INVALID_EMAIL); an empty one is allowed, contacts need no email. Other email-ish properties
 * (e.g. a payment's `hs_customer_email`) are plain strings.
 */
function isEmailAddress(value: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

/** Dates may be sent as epoch milliseconds or ISO 8601; null when neither. */
export function toEpochMillis(value: string): number | null {
  if (/^-?\d+$/.test(value)) return Number(value);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/** Values are stored as HubSpot returns them: strings; datetimes as ISO 8601. */
export function normalizeValue(def: PropertyDefinition | undefined, raw: unknown): string {
  if (raw === null || raw === undefined) return "";
  const value = String(raw);
  if (def && (def.type === "datetime" || def.type === "date") && value !== "") {
    const millis = toEpochMillis(value);
    if (millis !== null) return def.type === "date" ? new Date(millis).toISOString().slice(0, 10) : new Date(millis).toISOString();
  }
  return value;
}
