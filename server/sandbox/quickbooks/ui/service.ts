import { CompanyInputError } from "../store/companies";
import { sandboxDb } from "../store/db";
import type { Doc } from "../domain/documents";
import type { ListedEntityType } from "../domain/entity-types";
import { QboFault } from "../domain/faults";
import * as service from "../store/service";
import * as store from "../store/records";

/**
 * What the sandbox UI (acting as a QuickBooks user) reads and how its forms report errors. Writes
 * go through the same service as the API, so the same rules, SyncTokens and webhooks apply.
 */
export async function companyView(realmId: string) {
  const company = await store.findCompany(sandboxDb(), realmId);
  if (!company) return undefined;
  return { realmId: company.realmId, name: company.name, country: String(company.companyInfo.Country ?? "US"), preferences: company.preferences, faults: company.faults };
}

export async function listDocs(realmId: string, type: ListedEntityType): Promise<Doc[]> {
  const db = sandboxDb();
  const company = await store.findCompany(db, realmId);
  if (!company) return [];
  return (await store.listEntities(db, realmId, type)).map((row) => service.present(row, company));
}

/** The terms an invoice form offers (active ones), and the company's default for a new invoice. */
export async function termChoices(realmId: string): Promise<{ terms: Doc[]; defaultTermId: string | undefined }> {
  const [terms, company] = await Promise.all([listDocs(realmId, "Term"), companyView(realmId)]);
  const salesForms = company?.preferences.SalesFormsPrefs as { DefaultTerms?: { value?: string } } | undefined;
  return { terms: terms.filter((t) => t.Active !== false), defaultTermId: salesForms?.DefaultTerms?.value };
}

export async function getDoc(realmId: string, type: ListedEntityType, id: string): Promise<Doc | undefined> {
  try {
    return (await service.readEntity(sandboxDb(), realmId, type, id)).doc;
  } catch (error) {
    if (error instanceof QboFault) return undefined;
    throw error;
  }
}

/** The message a form shows for a rule the user broke; anything else is a bug and is rethrown. */
export function userFacingError(error: unknown): string | undefined {
  if (error instanceof QboFault) return `${error.faultMessage} (${error.code}): ${error.detail}`;
  if (error instanceof CompanyInputError) return error.message;
  return undefined;
}

export function money(value: unknown): string {
  const n = typeof value === "number" ? value : Number(value ?? 0);
  return `$${n.toFixed(2)}`;
}

export function invoiceStatus(invoice: Doc): "Voided" | "Paid" | "Partially paid" | "Open" {
  if (invoice.PrivateNote === "Voided" && invoice.TotalAmt === 0) return "Voided";
  const balance = Number(invoice.Balance ?? 0);
  const total = Number(invoice.TotalAmt ?? 0);
  if (balance === 0) return "Paid";
  return balance < total ? "Partially paid" : "Open";
}
