"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { sandboxHubSpotEnabled } from "@/server/sandbox/hubspot/enabled";
import { createAccount } from "@/server/sandbox/hubspot/store/accounts";
import {
  addLineItem,
  associateContact,
  createContact,
  createDraftInvoice,
  createProduct,
  deleteDraftInvoice,
  editableFields,
  recordPayment,
  SandboxUiError,
  setInvoiceStatus,
  updateRecord,
} from "@/server/sandbox/hubspot/ui/service";
import type { ObjectType } from "@/server/sandbox/hubspot/domain/object-types";

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};
const id = (form: FormData, name: string): number => Number(text(form, name));

/** Runs a UI operation; a rule violation comes back to the same page as `?error=`. */
async function run(returnTo: string, operation: () => Promise<unknown>, success?: (result: unknown) => string): Promise<never> {
  assertSandboxOn();
  let target = returnTo;
  try {
    const result = await operation();
    if (success) target = success(result);
  } catch (error) {
    if (!(error instanceof SandboxUiError)) throw error;
    target = `${returnTo}?error=${encodeURIComponent(error.message)}`;
  }
  revalidatePath("/sandbox/hubspot", "layout");
  redirect(target);
}

const base = (form: FormData) => `/sandbox/hubspot/${id(form, "accountId")}`;

/** Server actions are reachable by POST whatever the layout renders: where the sandbox is off, they do nothing. */
function assertSandboxOn(): void {
  if (!sandboxHubSpotEnabled()) notFound();
}

export async function createAccountAction(form: FormData) {
  assertSandboxOn();
  const name = text(form, "name").trim() || "Sandbox account";
  const { account } = await createAccount({ name });
  redirect(`/sandbox/hubspot/${account.id}/invoices`);
}

export async function createContactAction(form: FormData) {
  await run(`${base(form)}/contacts`, () =>
    createContact(id(form, "accountId"), { email: text(form, "email"), firstname: text(form, "firstname"), lastname: text(form, "lastname"), company: text(form, "company") }),
  );
}

export async function createProductAction(form: FormData) {
  await run(`${base(form)}/products`, () => createProduct(id(form, "accountId"), { name: text(form, "name"), price: text(form, "price"), sku: text(form, "sku") }));
}

export async function createInvoiceAction(form: FormData) {
  await run(
    `${base(form)}/invoices`,
    () => createDraftInvoice(id(form, "accountId"), { title: text(form, "title"), currency: text(form, "currency") || "USD" }),
    (invoice) => `${base(form)}/invoices/${(invoice as { id: number }).id}`,
  );
}

const invoicePage = (form: FormData) => `${base(form)}/invoices/${id(form, "invoiceId")}`;

export async function addProductLineAction(form: FormData) {
  await run(invoicePage(form), () => addLineItem(id(form, "accountId"), id(form, "invoiceId"), { productId: text(form, "productId"), quantity: text(form, "quantity") }));
}

export async function addCustomLineAction(form: FormData) {
  await run(invoicePage(form), () =>
    addLineItem(id(form, "accountId"), id(form, "invoiceId"), { name: text(form, "name"), price: text(form, "price"), quantity: text(form, "quantity") }),
  );
}

export async function associateContactAction(form: FormData) {
  await run(invoicePage(form), () => associateContact(id(form, "accountId"), id(form, "invoiceId"), id(form, "contactId")));
}

export async function finalizeInvoiceAction(form: FormData) {
  await run(invoicePage(form), () => setInvoiceStatus(id(form, "accountId"), id(form, "invoiceId"), "open"));
}

export async function voidInvoiceAction(form: FormData) {
  await run(invoicePage(form), () => setInvoiceStatus(id(form, "accountId"), id(form, "invoiceId"), "voided"));
}

export async function recordPaymentAction(form: FormData) {
  await run(invoicePage(form), () => recordPayment(id(form, "accountId"), id(form, "invoiceId"), { amount: text(form, "amount"), method: text(form, "method") }));
}

const EDIT_PAGES: Partial<Record<ObjectType, string>> = { contacts: "contacts", products: "products", invoices: "invoices" };

/** Saves the edit form of a contact, product or invoice (only the fields the UI offers). */
export async function updateRecordAction(form: FormData) {
  const type = text(form, "objectType") as ObjectType;
  const section = EDIT_PAGES[type];
  if (!section) throw new Error(`Objects of type ${type} are not edited in the sandbox UI`);
  const fields = await editableFields(id(form, "accountId"), type);
  const values = Object.fromEntries(fields.filter(({ name }) => form.has(name)).map(({ name }) => [name, text(form, name)]));
  await run(`${base(form)}/${section}/${id(form, "recordId")}`, () => updateRecord(id(form, "accountId"), type, id(form, "recordId"), values));
}

export async function deleteDraftAction(form: FormData) {
  await run(invoicePage(form), () => deleteDraftInvoice(id(form, "accountId"), id(form, "invoiceId")), () => `${base(form)}/invoices`);
}
