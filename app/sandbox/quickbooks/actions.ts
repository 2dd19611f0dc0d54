"use server";

import { notFound, redirect } from "next/navigation";
import { sandboxQuickBooksEnabled } from "@/server/sandbox/quickbooks/enabled";
import { createCompany, setCompanyCountry } from "@/server/sandbox/quickbooks/store/companies";
import { sandboxDb } from "@/server/sandbox/quickbooks/store/db";
import type { Doc } from "@/server/sandbox/quickbooks/domain/documents";
import * as service from "@/server/sandbox/quickbooks/store/service";
import { itemDefaults, salesLines, type LineInput } from "@/server/sandbox/quickbooks/ui/invoice-lines";
import { getDoc, listDocs, userFacingError } from "@/server/sandbox/quickbooks/ui/service";

/** The sandbox UI's form actions: each runs one user operation and comes back with `?error=` on a rule violation. */
function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function number(form: FormData, name: string): number | undefined {
  const value = text(form, name);
  return value === undefined ? undefined : Number(value);
}

async function perform(successPath: string, failurePath: string, work: () => Promise<string | void>): Promise<never> {
  // Server actions are reachable by POST whatever the layout renders: where the sandbox is off, they do nothing.
  if (!sandboxQuickBooksEnabled()) notFound();
  let target = successPath;
  try {
    const override = await work();
    if (override) target = override;
  } catch (error) {
    const message = userFacingError(error);
    if (!message) throw error;
    target = `${failurePath}${failurePath.includes("?") ? "&" : "?"}error=${encodeURIComponent(message)}`;
  }
  redirect(target);
}

const base = (realmId: string) => `/sandbox/quickbooks/companies/${realmId}`;

export async function createCompanyAction(form: FormData): Promise<never> {
  return perform("/sandbox/quickbooks", "/sandbox/quickbooks", async () => {
    const realmId = await createCompany(sandboxDb(), { name: text(form, "name") ?? "", country: text(form, "country") });
    return base(realmId);
  });
}

export async function saveCustomerAction(realmId: string, id: string | null, form: FormData): Promise<never> {
  const path = `${base(realmId)}/customers`;
  return perform(path, id ? `${path}/${id}` : path, async () => {
    const input: Doc = {
      DisplayName: text(form, "displayName"),
      GivenName: text(form, "givenName"),
      FamilyName: text(form, "familyName"),
      CompanyName: text(form, "companyName"),
      PrimaryEmailAddr: text(form, "email") ? { Address: text(form, "email") } : undefined,
      Active: form.get("active") === null ? !id : form.get("active") === "on",
    };
    if (id) await service.updateEntity(sandboxDb(), realmId, "Customer", { ...input, Id: id, SyncToken: text(form, "syncToken") }, { sparse: true });
    else await service.createEntity(sandboxDb(), realmId, "Customer", input);
  });
}

export async function saveItemAction(realmId: string, id: string | null, form: FormData): Promise<never> {
  const path = `${base(realmId)}/items`;
  return perform(path, id ? `${path}/${id}` : path, async () => {
    const input: Doc = {
      Name: text(form, "name"),
      Sku: text(form, "sku") ?? null,
      Type: text(form, "type") ?? "Service",
      UnitPrice: number(form, "unitPrice") ?? 0,
      Description: text(form, "description"),
      IncomeAccountRef: text(form, "incomeAccountId") ? { value: text(form, "incomeAccountId") } : undefined,
      Active: form.get("active") === null ? !id : form.get("active") === "on",
    };
    if (id) await service.updateEntity(sandboxDb(), realmId, "Item", { ...input, Id: id, SyncToken: text(form, "syncToken") }, { sparse: true });
    else await service.createEntity(sandboxDb(), realmId, "Item", input);
  });
}

/** The form's numbered line rows (`itemId-0`, `qty-0`, `unitPrice-0`, ...); rows without an item are skipped. */
function lineRows(form: FormData): LineInput[] {
  const rows: LineInput[] = [];
  for (let i = 0; form.has(`itemId-${i}`); i++) {
    const itemId = text(form, `itemId-${i}`);
    if (!itemId) continue;
    rows.push({
      lineId: text(form, `lineId-${i}`),
      itemId,
      description: text(form, `description-${i}`),
      qty: number(form, `qty-${i}`),
      unitPrice: number(form, `unitPrice-${i}`),
      serviceDate: text(form, `serviceDate-${i}`),
    });
  }
  return rows;
}

async function invoiceFields(realmId: string, form: FormData): Promise<Doc> {
  const po = text(form, "poNumber");
  return {
    CustomerRef: text(form, "customerId") ? { value: text(form, "customerId") } : undefined,
    DocNumber: text(form, "docNumber"),
    TxnDate: text(form, "txnDate"),
    // No due date given: QuickBooks dates the invoice by its terms.
    DueDate: text(form, "dueDate"),
    SalesTermRef: { value: text(form, "termId") ?? "" },
    PrivateNote: text(form, "privateNote"),
    CustomField: po ? [{ DefinitionId: "1", Type: "StringType", StringValue: po }] : undefined,
    Line: salesLines(lineRows(form), itemDefaults(await listDocs(realmId, "Item"))),
  };
}

export async function createInvoiceAction(realmId: string, form: FormData): Promise<never> {
  return perform(`${base(realmId)}/invoices`, `${base(realmId)}/invoices/new`, async () => {
    const { doc } = await service.createEntity(sandboxDb(), realmId, "Invoice", await invoiceFields(realmId, form));
    return `${base(realmId)}/invoices/${String(doc.Id)}`;
  });
}

export async function updateInvoiceAction(realmId: string, id: string, form: FormData): Promise<never> {
  const path = `${base(realmId)}/invoices/${id}`;
  return perform(path, path, async () => {
    await service.updateEntity(sandboxDb(), realmId, "Invoice", { ...(await invoiceFields(realmId, form)), Id: id, SyncToken: text(form, "syncToken") }, { sparse: true });
  });
}

export async function receivePaymentAction(realmId: string, invoiceId: string, form: FormData): Promise<never> {
  const path = `${base(realmId)}/invoices/${invoiceId}`;
  return perform(path, path, async () => {
    const invoice = await getDoc(realmId, "Invoice", invoiceId);
    const amount = number(form, "amount");
    await service.createEntity(sandboxDb(), realmId, "Payment", {
      CustomerRef: invoice?.CustomerRef,
      TotalAmt: amount,
      TxnDate: text(form, "txnDate"),
      PaymentRefNum: text(form, "reference"),
      Line: amount ? [{ Amount: amount, LinkedTxn: [{ TxnId: invoiceId, TxnType: "Invoice" }] }] : [],
    });
  });
}

export async function voidInvoiceAction(realmId: string, id: string, syncToken: string): Promise<never> {
  const path = `${base(realmId)}/invoices/${id}`;
  return perform(path, path, async () => {
    await service.voidEntity(sandboxDb(), realmId, "Invoice", { Id: id, SyncToken: syncToken });
  });
}

export async function deleteInvoiceAction(realmId: string, id: string, syncToken: string): Promise<never> {
  return perform(`${base(realmId)}/invoices`, `${base(realmId)}/invoices/${id}`, async () => {
    await service.deleteEntity(sandboxDb(), realmId, "Invoice", { Id: id, SyncToken: syncToken });
  });
}

export async function voidPaymentAction(realmId: string, invoiceId: string, paymentId: string, syncToken: string): Promise<never> {
  const path = `${base(realmId)}/invoices/${invoiceId}`;
  return perform(path, path, async () => {
    await service.voidEntity(sandboxDb(), realmId, "Payment", { Id: paymentId, SyncToken: syncToken });
  });
}

export async function saveSettingsAction(realmId: string, form: FormData): Promise<never> {
  const path = `${base(realmId)}/settings`;
  return perform(`${path}?saved=1`, path, async () => {
    const db = sandboxDb();
    const { doc } = await service.readEntity(db, realmId, "Preferences", "1");
    await service.updateEntity(
      db,
      realmId,
      "Preferences",
      {
        Id: "1",
        SyncToken: doc.SyncToken,
        SalesFormsPrefs: { CustomTxnNumbers: form.get("customTxnNumbers") === "on" },
        AccountingInfoPrefs: { BookCloseDate: text(form, "bookCloseDate") ?? null },
        ProductAndServicesPrefs: { RevenueRecognition: form.get("revenueRecognition") === "on" },
      },
      { sparse: true },
    );
    const country = text(form, "country");
    const info = await service.readEntity(db, realmId, "CompanyInfo", "1");
    if (country && country !== info.doc.Country) await setCompanyCountry(db, realmId, country);
  });
}
