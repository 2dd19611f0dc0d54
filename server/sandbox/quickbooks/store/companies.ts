import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { now } from "../domain/clock";
import type { SandboxDb } from "./db";
import { companies, type FaultSettings } from "./schema";
import { DEFAULT_ACCOUNTS, DEFAULT_TERMS, defaultCompanyInfo, defaultPreferences, SUPPORTED_COUNTRIES, countryIso3 } from "../domain/company-defaults";
import { currencyFor } from "../domain/company-settings";
import type { Doc } from "../domain/documents";
import { parseOffsetMinutes } from "../domain/time";
import * as service from "./service";
import * as store from "./records";

/** Creating and configuring sandbox companies (what a QBO user or the sandbox admin does). */
export interface NewCompany {
  name: string;
  country?: string;
  utcOffset?: string;
}

export class CompanyInputError extends Error {}

function newRealmId(): string {
  return `${randomInt(1000, 9999)}${randomInt(100_000, 999_999)}${randomInt(100_000, 999_999)}`;
}

export async function createCompany(db: SandboxDb, input: NewCompany): Promise<string> {
  const name = input.name.trim();
  if (!name) throw new CompanyInputError("A company needs a name");
  const country = (input.country ?? "US").toUpperCase();
  if (!SUPPORTED_COUNTRIES.includes(country)) throw new CompanyInputError(`Unsupported country ${country}; use one of ${SUPPORTED_COUNTRIES.join(", ")}`);
  const utcOffset = input.utcOffset ?? "-08:00";
  try {
    parseOffsetMinutes(utcOffset);
  } catch {
    throw new CompanyInputError(`Invalid UTC offset ${utcOffset}; use e.g. -08:00`);
  }
  const realmId = newRealmId();
  const at = now();
  await db.insert(companies).values({
    realmId,
    name,
    utcOffset,
    companyInfo: defaultCompanyInfo(name, country),
    preferences: defaultPreferences(country),
    createdAt: at,
    updatedAt: at,
  });
  for (const account of DEFAULT_ACCOUNTS) await service.createEntity(db, realmId, "Account", account);
  for (const term of DEFAULT_TERMS) await service.createEntity(db, realmId, "Term", term);
  return realmId;
}

/** Changing the country changes CompanyInfo (and its address's 3-letter code) and the home currency. */
export async function setCompanyCountry(db: SandboxDb, realmId: string, country: string): Promise<void> {
  const upper = country.toUpperCase();
  if (!SUPPORTED_COUNTRIES.includes(upper)) throw new CompanyInputError(`Unsupported country ${country}`);
  await db.transaction(async (tx) => {
    const company = await store.lockCompany(tx, realmId);
    if (!company) throw new CompanyInputError(`No company ${realmId}`);
    const address = { ...((company.companyInfo.CompanyAddr as Doc | undefined) ?? {}), Country: countryIso3(upper) };
    const preferences = { ...company.preferences, CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: currencyFor(upper).value } } };
    await tx
      .update(companies)
      .set({
        companyInfo: { ...company.companyInfo, Country: upper, CompanyAddr: address },
        companyInfoSyncToken: company.companyInfoSyncToken + 1,
        preferences,
        preferencesSyncToken: company.preferencesSyncToken + 1,
        updatedAt: now(),
      })
      .where(eq(companies.realmId, realmId));
  });
}

export interface CompanySandboxSettings {
  timeScale?: number | null;
  accessTokenLifetimeSeconds?: number | null;
  faults?: FaultSettings;
}

export async function updateCompanySandboxSettings(db: SandboxDb, realmId: string, settings: CompanySandboxSettings): Promise<void> {
  const values: Partial<typeof companies.$inferInsert> = {};
  if (settings.timeScale !== undefined) values.timeScale = settings.timeScale;
  if (settings.accessTokenLifetimeSeconds !== undefined) values.accessTokenLifetimeSeconds = settings.accessTokenLifetimeSeconds;
  if (settings.faults !== undefined) values.faults = settings.faults;
  if (Object.keys(values).length === 0) return;
  const updated = await db.update(companies).set(values).where(eq(companies.realmId, realmId)).returning({ realmId: companies.realmId });
  if (updated.length === 0) throw new CompanyInputError(`No company ${realmId}`);
}

export const DEMO_COMPANY_NAME = "Sandbox Company US";

/**
 * The demo US company: income accounts (from the default chart), items with and without SKUs,
 * customers with emails, a few invoices and payments.
 */
export async function seedDemoCompany(db: SandboxDb): Promise<string> {
  const realmId = await createCompany(db, { name: DEMO_COMPANY_NAME, country: "US", utcOffset: "-08:00" });
  const accounts = await store.listEntities(db, realmId, "Account");
  const accountId = (name: string) => accounts.find((a) => a.body.Name === name)!.id;
  const sales = { value: accountId("Sales of Product Income") };
  const services = { value: accountId("Services") };
  const item = async (doc: Doc) => (await service.createEntity(db, realmId, "Item", doc)).doc.Id as string;
  const customer = async (doc: Doc) => (await service.createEntity(db, realmId, "Customer", doc)).doc.Id as string;

  const consulting = await item({ Name: "Consulting", Type: "Service", Sku: "SVC-CONSULT", UnitPrice: 150, IncomeAccountRef: services, Description: "Hourly consulting" });
  const widget = await item({ Name: "Widget", Type: "NonInventory", Sku: "WID-001", UnitPrice: 25, IncomeAccountRef: sales, Taxable: true });
  const installation = await item({ Name: "Installation", Type: "Service", UnitPrice: 300, IncomeAccountRef: services });
  await item({ Name: "Gift wrapping", Type: "NonInventory", UnitPrice: 5, IncomeAccountRef: sales });

  const amy = await customer({ DisplayName: "Amy's Bird Sanctuary", GivenName: "Amy", FamilyName: "Lauterbach", CompanyName: "Amy's Bird Sanctuary", PrimaryEmailAddr: { Address: "birds@intuit.example" } });
  const bill = await customer({ DisplayName: "Bill's Windsurf Shop", GivenName: "Bill", FamilyName: "Lucchini", CompanyName: "Bill's Windsurf Shop", PrimaryEmailAddr: { Address: "surf@intuit.example" } });
  await customer({ GivenName: "Cool", FamilyName: "Cars", PrimaryEmailAddr: { Address: "cool_cars@intuit.example" } });

  const line = (itemId: string, qty: number, unitPrice: number) => ({
    Amount: qty * unitPrice,
    DetailType: "SalesItemLineDetail",
    SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: qty, UnitPrice: unitPrice },
  });
  const invoice = async (customerId: string, lines: Doc[]) =>
    (await service.createEntity(db, realmId, "Invoice", { CustomerRef: { value: customerId }, Line: lines })).doc;
  const first = await invoice(amy, [line(consulting, 4, 150), line(widget, 10, 25)]);
  const second = await invoice(bill, [line(installation, 1, 300)]);
  await invoice(amy, [line(widget, 2, 25)]);

  const pay = (customerId: string, invoiceId: unknown, amount: number) =>
    service.createEntity(db, realmId, "Payment", {
      CustomerRef: { value: customerId },
      TotalAmt: amount,
      Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoiceId, TxnType: "Invoice" }] }],
    });
  await pay(amy, first.Id, 350);
  await pay(bill, second.Id, 300);
  return realmId;
}
