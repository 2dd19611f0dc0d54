import { and, desc, eq } from "drizzle-orm";
import { sandboxDb } from "../store/db";
import { objects, webhookDeliveries } from "../store/schema";
import { HubSpotApiError } from "../domain/errors";
import type { ObjectType } from "../domain/object-types";
import { getAccount, usersOf } from "../store/accounts";
import { associationsOf } from "../store/associations";
import { findRecord, propertyDefinitions, recordsByIds, type ObjectRow } from "../store/records";
import type { PropertyDefinition } from "../domain/properties";
import { withWrite } from "../store/transactions";
import type { Actor } from "../store/write-session";

/**
 * What a person does in the sandbox UI, acting as the account's first user: writes are marked
 * `CRM_UI` with `sourceId: "userId:N"`, so the product sees them as edits made in HubSpot.
 */
export class SandboxUiError extends Error {}

async function uiActor(accountId: number): Promise<Actor> {
  const account = await getAccount(accountId);
  if (!account) throw new SandboxUiError(`No sandbox account ${accountId}`);
  const [user] = await usersOf(accountId);
  if (!user) throw new SandboxUiError(`Account ${accountId} has no users`);
  return { accountId, source: { changeSource: "CRM_UI", sourceId: `userId:${user.id}` } };
}

/** Runs a UI write; rule violations come back as a `SandboxUiError` with HubSpot's message. */
async function uiWrite<T>(accountId: number, fn: Parameters<typeof withWrite<T>>[1]): Promise<T> {
  try {
    return await withWrite(await uiActor(accountId), fn);
  } catch (error) {
    if (error instanceof HubSpotApiError) throw new SandboxUiError(error.message);
    throw error;
  }
}

export async function recentRecords(accountId: number, type: ObjectType, limit = 200): Promise<ObjectRow[]> {
  return sandboxDb()
    .select()
    .from(objects)
    .where(and(eq(objects.accountId, accountId), eq(objects.objectType, type), eq(objects.archived, false)))
    .orderBy(desc(objects.id))
    .limit(limit);
}

async function associated(accountId: number, from: ObjectType, id: number, to: ObjectType): Promise<ObjectRow[]> {
  const links = await associationsOf(sandboxDb(), accountId, from, id, to);
  return recordsByIds(sandboxDb(), accountId, to, links.map((l) => l.toId));
}

export async function invoiceDetail(accountId: number, invoiceId: number) {
  const invoice = await findRecord(sandboxDb(), accountId, "invoices", invoiceId);
  if (!invoice) return null;
  return {
    invoice,
    contacts: await associated(accountId, "invoices", invoiceId, "contacts"),
    lineItems: await associated(accountId, "invoices", invoiceId, "line_items"),
    payments: await associated(accountId, "invoices", invoiceId, "commerce_payments"),
  };
}

/** A commerce payment with the invoices it pays. */
export async function paymentDetail(accountId: number, paymentId: number) {
  const payment = await findRecord(sandboxDb(), accountId, "commerce_payments", paymentId);
  if (!payment) return null;
  return { payment, invoices: await associated(accountId, "commerce_payments", paymentId, "invoices") };
}

const required = (value: string, label: string): string => {
  const trimmed = value.trim();
  if (!trimmed) throw new SandboxUiError(`${label} is required`);
  return trimmed;
};

const amount = (value: string, label: string): string => {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) throw new SandboxUiError(`${label} must be a number, not negative`);
  return String(n);
};

/** How the UI names a contact: HubSpot contacts need no email, so fall back to the name, then the id. */
export function contactLabel(contact: { id: number | string; properties: Record<string, string | null | undefined> }): string {
  const name = [contact.properties.firstname, contact.properties.lastname].filter(Boolean).join(" ");
  return contact.properties.email || name || `Contact ${contact.id}`;
}

export async function createContact(accountId: number, input: { email: string; firstname: string; lastname: string; company: string }) {
  const values = { email: input.email.trim(), firstname: input.firstname.trim(), lastname: input.lastname.trim(), company: input.company.trim() };
  // As in HubSpot, an email is optional; a contact with nothing to identify it by is not useful.
  if (!values.email && !values.firstname && !values.lastname) throw new SandboxUiError("Enter an email or a name");
  return uiWrite(accountId, (s) => s.create("contacts", values));
}

export async function createProduct(accountId: number, input: { name: string; price: string; sku: string }) {
  return uiWrite(accountId, (s) => s.create("products", { name: required(input.name, "Name"), price: amount(input.price, "Price"), hs_sku: input.sku.trim() }));
}

export async function createDraftInvoice(accountId: number, input: { title: string; currency: string }) {
  return uiWrite(accountId, (s) => s.create("invoices", { hs_title: input.title.trim(), hs_currency: required(input.currency, "Currency").toUpperCase(), hs_invoice_date: new Date().toISOString() }));
}

export async function addLineItem(
  accountId: number,
  invoiceId: number,
  input: { productId?: string; name?: string; price?: string; quantity: string; taxRateId?: string },
) {
  const quantity = amount(input.quantity, "Quantity");
  const properties: Record<string, string> = input.productId
    ? { hs_product_id: input.productId, quantity }
    : { name: required(input.name ?? "", "Name"), price: amount(input.price ?? "", "Price"), quantity };
  if (input.taxRateId) properties.hs_tax_rate_group_id = input.taxRateId;
  return uiWrite(accountId, (s) => s.create("line_items", properties, [{ toType: "invoices", toId: invoiceId, typeId: 410 }]));
}

export async function associateContact(accountId: number, invoiceId: number, contactId: number) {
  return uiWrite(accountId, (s) => s.associate("invoices", invoiceId, "contacts", contactId, 177));
}

export async function setInvoiceStatus(accountId: number, invoiceId: number, status: "open" | "voided") {
  return uiWrite(accountId, (s) => s.update("invoices", invoiceId, { hs_invoice_status: status }));
}

export async function recordPayment(accountId: number, invoiceId: number, input: { amount: string; method: string }) {
  const invoice = await findRecord(sandboxDb(), accountId, "invoices", invoiceId);
  if (!invoice) throw new SandboxUiError(`No invoice ${invoiceId}`);
  if (invoice.properties.hs_invoice_status !== "open") throw new SandboxUiError("Only open invoices can take payments.");
  return uiWrite(accountId, (s) =>
    s.create(
      "commerce_payments",
      {
        hs_initial_amount: amount(input.amount, "Amount"),
        hs_initiated_date: new Date().toISOString(),
        hs_latest_status: "succeeded",
        hs_payment_method_type: input.method || "other",
        hs_currency_code: invoice.properties.hs_currency ?? "USD",
      },
      [{ toType: "invoices", toId: invoiceId, typeId: 542 }],
    ),
  );
}

/** Refunds a succeeded payment: it no longer counts towards its invoice, which reopens. */
export async function refundPayment(accountId: number, paymentId: number) {
  const payment = await findRecord(sandboxDb(), accountId, "commerce_payments", paymentId);
  if (!payment) throw new SandboxUiError(`No payment ${paymentId}`);
  if (payment.properties.hs_latest_status !== "succeeded") throw new SandboxUiError("Only a succeeded payment can be refunded.");
  return uiWrite(accountId, (s) => s.update("commerce_payments", paymentId, { hs_latest_status: "refunded" }));
}

/** The fields the UI edits, per object; anything else in a submitted form is ignored. */
const EDITABLE: Partial<Record<ObjectType, EditableField[]>> = {
  contacts: [
    { name: "email", label: "Email" },
    { name: "firstname", label: "First name" },
    { name: "lastname", label: "Last name" },
    { name: "company", label: "Company" },
    { name: "phone", label: "Phone" },
  ],
  products: [
    { name: "name", label: "Name" },
    { name: "price", label: "Price", input: "number" },
    { name: "hs_sku", label: "SKU" },
    { name: "description", label: "Description" },
  ],
  invoices: [
    { name: "hs_title", label: "Title" },
    { name: "hs_purchase_order_number", label: "PO number" },
    { name: "hs_due_date", label: "Due date", input: "date" },
    { name: "hs_comments", label: "Comments" },
  ],
};

export interface EditableField {
  name: string;
  label: string;
  input?: "number" | "date";
}

/** The input a custom property of each editable type gets (none: plain text). */
const CUSTOM_INPUTS: Partial<Record<PropertyDefinition["type"], EditableField["input"] | null>> = { string: null, number: "number", date: "date" };

/** The fields the UI's edit form offers: the built-in ones, then the account's own text, number and date properties (as in HubSpot's record sidebar). */
export async function editableFields(accountId: number, type: ObjectType): Promise<EditableField[]> {
  const custom = (await propertyDefinitions(sandboxDb(), accountId, type)).filter(
    (d) => !d.hubspotDefined && CUSTOM_INPUTS[d.type] !== undefined && !d.modificationMetadata.readOnlyValue,
  );
  return [...(EDITABLE[type] ?? []), ...custom.map((d) => ({ name: d.name, label: d.label, ...(CUSTOM_INPUTS[d.type] ? { input: CUSTOM_INPUTS[d.type]! } : {}) }))];
}

export async function updateRecord(accountId: number, type: ObjectType, id: number, values: Record<string, string>) {
  const fields = await editableFields(accountId, type);
  const allowed = Object.fromEntries(fields.filter(({ name }) => name in values).map(({ name }) => [name, (values[name] ?? "").trim()]));
  if (type === "products" && "price" in allowed) allowed.price = amount(allowed.price ?? "", "Price");
  return uiWrite(accountId, (s) => s.update(type, id, allowed));
}

export async function deleteDraftInvoice(accountId: number, invoiceId: number) {
  return uiWrite(accountId, (s) => s.archive("invoices", invoiceId));
}

export async function deliveryLog(accountId: number, limit = 100) {
  return sandboxDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.accountId, accountId)).orderBy(desc(webhookDeliveries.id)).limit(limit);
}
