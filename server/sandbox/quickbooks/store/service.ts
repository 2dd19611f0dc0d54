import { now } from "../domain/clock";
import type { SandboxDb, SandboxExecutor } from "./db";
import { companies } from "./schema";
import { companySettings, type CompanySettings } from "../domain/company-settings";
import { asDoc, asNumber, asString, asText, isDoc, mergeUpdate, roundMoney, type Doc } from "../domain/documents";
import { canonicalEntityType, isListedEntityType, isTaxEntityType, type TaxEntityType, LISTED_ENTITY_TYPES, NAME_LIST_TYPES, type EntityType, type ListedEntityType } from "../domain/entity-types";
import { faults } from "../domain/faults";
import { isVoided, prepareInvoice, voidInvoice } from "../domain/invoice";
import { prepareAccount, prepareCustomer, prepareItem, prepareTerm, type NameListContext } from "../domain/name-lists";
import { taxCatalog, taxCodeDocument, taxRateDocument } from "../domain/tax";
import { paymentApplications, preparePayment, voidPayment } from "../domain/payment";
import { parseQuery, type QueryCondition } from "../domain/query-parser";
import { runQuery, validateQuery } from "../domain/query-eval";
import { formatDate, formatTimestamp } from "../domain/time";
import { eq } from "drizzle-orm";
import * as store from "./records";
import type { CompanyRow, EntityRow } from "./records";
import { enqueueWebhooks, type ChangeOperation } from "../webhooks/enqueue";

/**
 * The sandbox QBO's operations on one company, as the API (and the sandbox UI) performs them.
 * Every write runs in a transaction holding the company's row lock, so rules that look at other
 * records (unique names, DocNumbers, balances) see a consistent picture.
 */
export interface WriteOptions {
  allowDuplicateDocNumber?: boolean;
}

const LAST_MODIFIED_BY = { value: "9130347596535226" };

export function settingsOf(company: CompanyRow): CompanySettings {
  return companySettings(company.companyInfo, company.preferences, formatDate(now(), company.utcOffset));
}

export function present(row: EntityRow, company: CompanyRow): Doc {
  return {
    ...row.body,
    domain: "QBO",
    sparse: false,
    Id: row.id,
    SyncToken: String(row.syncToken),
    MetaData: {
      CreateTime: formatTimestamp(row.createdAt, company.utcOffset),
      LastModifiedByRef: LAST_MODIFIED_BY,
      LastUpdatedTime: formatTimestamp(row.updatedAt, company.utcOffset),
    },
  };
}

function presentDeleted(row: EntityRow, company: CompanyRow): Doc {
  return { domain: "QBO", status: "Deleted", Id: row.id, MetaData: { LastUpdatedTime: formatTimestamp(row.updatedAt, company.utcOffset) } };
}

export function entityTypeOf(name: string): EntityType {
  const type = canonicalEntityType(name);
  if (!type) throw faults.unsupportedOperation(`on entity ${name}`);
  return type;
}

function listed(type: EntityType): ListedEntityType {
  if (!isListedEntityType(type)) throw faults.unsupportedOperation(`on entity ${type}`);
  return type;
}

async function companyOrFail(ex: SandboxExecutor, realmId: string, lock: boolean): Promise<CompanyRow> {
  const company = lock ? await store.lockCompany(ex, realmId) : await store.findCompany(ex, realmId);
  if (!company) throw faults.objectNotFound("Company", realmId);
  return company;
}

async function entityOrFail(ex: SandboxExecutor, realmId: string, type: ListedEntityType, id: string | undefined): Promise<EntityRow> {
  if (!id) throw faults.requiredParam("Id");
  const row = await store.findEntity(ex, realmId, type, id);
  if (!row) throw faults.objectNotFound(type, id);
  return row;
}

function checkSyncToken(row: EntityRow, input: Doc): void {
  const supplied = asText(input.SyncToken);
  if (supplied === undefined) throw faults.requiredParam("SyncToken");
  if (supplied !== String(row.syncToken)) throw faults.staleObject();
}

const NAME_FIELD: Record<"Customer" | "Item" | "Account" | "Term", string> = { Customer: "DisplayName", Item: "Name", Account: "Name", Term: "Name" };

function contexts(ex: SandboxExecutor, realmId: string) {
  const live = async (type: ListedEntityType, id: string) => (await store.findEntity(ex, realmId, type, id))?.body;
  const nameList = (type: keyof typeof NAME_FIELD): NameListContext => ({
    nameTaken: async (name, exceptId) => (await store.recordWithName(ex, realmId, type, NAME_FIELD[type], name, exceptId)) !== undefined,
    findAccount: (id) => live("Account", id),
  });
  return {
    nameList,
    invoice: {
      findCustomer: (id: string) => live("Customer", id),
      findItem: (id: string) => live("Item", id),
      findTerm: (id: string) => live("Term", id),
      invoiceWithDocNumber: (docNumber: string, exceptId?: string) => store.recordWithName(ex, realmId, "Invoice", "DocNumber", docNumber, exceptId),
      nextDocNumber: () => store.nextDocNumber(ex, realmId),
    },
  };
}

/** What the payments recorded against an invoice add up to, not counting `exceptPaymentId`. */
async function invoicePayments(ex: SandboxExecutor, realmId: string, invoiceId: string, exceptPaymentId?: string) {
  let amountPaid = 0;
  const linkedPaymentIds: string[] = [];
  for (const payment of await store.paymentsLinking(ex, realmId, invoiceId)) {
    if (payment.id === exceptPaymentId) continue;
    const amount = paymentApplications(payment.body).get(invoiceId) ?? 0;
    if (amount <= 0) continue;
    amountPaid += amount;
    linkedPaymentIds.push(payment.id);
  }
  return { amountPaid: roundMoney(amountPaid), linkedPaymentIds };
}

class Change {
  constructor(readonly tx: SandboxExecutor, readonly company: CompanyRow, readonly at: Date) {}

  async notify(type: ListedEntityType, id: string, operation: ChangeOperation): Promise<void> {
    await enqueueWebhooks(this.tx, { company: this.company, entityType: type, entityId: id, operation, at: this.at });
  }

  /** Re-derives an invoice's Balance and LinkedTxn from the payments applied to it. */
  async refreshInvoice(invoiceId: string): Promise<void> {
    const row = await store.findEntity(this.tx, this.company.realmId, "Invoice", invoiceId);
    if (!row) return;
    const { amountPaid, linkedPaymentIds } = await invoicePayments(this.tx, this.company.realmId, invoiceId);
    const total = asNumber(row.body.TotalAmt) ?? 0;
    const body = {
      ...row.body,
      LinkedTxn: linkedPaymentIds.map((id) => ({ TxnId: id, TxnType: "Payment" })),
      Balance: isVoided(row.body) ? 0 : roundMoney(Math.max(0, total - amountPaid)),
    };
    if (JSON.stringify(body) === JSON.stringify(row.body)) return;
    await store.updateEntity(this.tx, row, body, this.at);
    await this.notify("Invoice", invoiceId, "Update");
  }

  /** A customer's Balance is what its open invoices still owe; it is derived, not an edit. */
  async refreshCustomerBalance(customerId: string | undefined): Promise<void> {
    if (!customerId) return;
    const row = await store.findEntity(this.tx, this.company.realmId, "Customer", customerId);
    if (!row) return;
    const invoices = await store.invoicesOfCustomer(this.tx, this.company.realmId, customerId);
    const balance = roundMoney(invoices.reduce((sum, i) => sum + (asNumber(i.body.Balance) ?? 0), 0));
    if (row.body.Balance === balance) return;
    await store.patchEntityBody(this.tx, row, { ...row.body, Balance: balance, BalanceWithJobs: balance });
  }
}

async function inTransaction<T>(db: SandboxDb, realmId: string, work: (change: Change) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const company = await companyOrFail(tx, realmId, true);
    return work(new Change(tx, company, now()));
  });
}

async function prepare(change: Change, type: ListedEntityType, input: Doc, existing: EntityRow | undefined, options: WriteOptions): Promise<Doc> {
  const { tx, company } = change;
  const settings = settingsOf(company);
  const ctx = contexts(tx, company.realmId);
  // Stored bodies don't carry their Id; the name checks need it to tell a record from its namesakes.
  const stored = existing && { ...existing.body, Id: existing.id };
  switch (type) {
    case "Customer":
      return prepareCustomer(input, stored, settings, ctx.nameList("Customer"));
    case "Item":
      return prepareItem(input, stored, ctx.nameList("Item"));
    case "Account":
      return prepareAccount(input, stored, ctx.nameList("Account"));
    case "Term":
      return prepareTerm(input, stored, ctx.nameList("Term"));
    case "Invoice": {
      if (existing && settings.bookCloseDate && asString(existing.body.TxnDate)! <= settings.bookCloseDate) throw faults.closedPeriod();
      const payments = existing ? await invoicePayments(tx, company.realmId, existing.id) : undefined;
      return prepareInvoice(input, stored, settings, ctx.invoice, { allowDuplicateDocNumber: options.allowDuplicateDocNumber ?? false }, payments);
    }
    case "Payment": {
      if (existing && settings.bookCloseDate && asString(existing.body.TxnDate)! <= settings.bookCloseDate) throw faults.closedPeriod();
      return preparePayment(input, settings, {
        findCustomer: ctx.invoice.findCustomer,
        findInvoice: async (id) => (await store.findEntity(tx, company.realmId, "Invoice", id))?.body,
        openBalance: async (invoiceId) => {
          const invoice = await store.findEntity(tx, company.realmId, "Invoice", invoiceId);
          const paid = await invoicePayments(tx, company.realmId, invoiceId, existing?.id);
          return roundMoney((asNumber(invoice?.body.TotalAmt) ?? 0) - paid.amountPaid);
        },
      });
    }
  }
}

/** Side effects of a payment or invoice write on the invoices and customers it touches. */
async function settleAfterWrite(change: Change, type: ListedEntityType, before: Doc | undefined, after: Doc | undefined): Promise<void> {
  if (type === "Payment") {
    const invoiceIds = new Set([...paymentApplications(before ?? {}).keys(), ...paymentApplications(after ?? {}).keys()]);
    for (const invoiceId of invoiceIds) await change.refreshInvoice(invoiceId);
  }
  if (type === "Payment" || type === "Invoice") {
    const customers = new Set([asText(asDoc(before?.CustomerRef)?.value), asText(asDoc(after?.CustomerRef)?.value)]);
    for (const customerId of customers) await change.refreshCustomerBalance(customerId);
  }
}

export async function readEntity(db: SandboxDb, realmId: string, typeName: string, id: string): Promise<{ type: EntityType; doc: Doc }> {
  const type = entityTypeOf(typeName);
  const company = await companyOrFail(db, realmId, false);
  if (type === "Preferences") return { type, doc: presentPreferences(company) };
  if (type === "CompanyInfo") return { type, doc: presentCompanyInfo(company) };
  if (isTaxEntityType(type)) {
    const doc = presentTaxEntities(company, type).find((d) => d.Id === id);
    if (!doc) throw faults.objectNotFound(type, id);
    return { type, doc };
  }
  const row = await entityOrFail(db, realmId, type, id);
  return { type, doc: present(row, company) };
}

export async function createEntity(db: SandboxDb, realmId: string, typeName: string, input: Doc, options: WriteOptions = {}): Promise<{ type: EntityType; doc: Doc }> {
  const type = entityTypeOf(typeName);
  if (isTaxEntityType(type)) throw faults.unsupportedOperation(`Create on ${type}; tax codes and rates come with the company's tax settings`);
  if (!isListedEntityType(type)) return updateCompanyDocument(db, realmId, type, input, true);
  if (input.Id !== undefined && input.SyncToken !== undefined) return updateEntity(db, realmId, type, input, { sparse: input.sparse === true, ...options });
  return inTransaction(db, realmId, async (change) => {
    const body = await prepare(change, type, mergeUpdate({}, input, false), undefined, options);
    const id = await store.nextEntityId(change.tx, change.company, type);
    const row = await store.insertEntity(change.tx, realmId, type, id, body, change.at);
    await change.notify(type, id, "Create");
    await settleAfterWrite(change, type, undefined, body);
    return { type, doc: present((await store.findEntity(change.tx, realmId, type, id)) ?? row, change.company) };
  });
}

export async function updateEntity(
  db: SandboxDb,
  realmId: string,
  typeName: string,
  input: Doc,
  options: WriteOptions & { sparse: boolean },
): Promise<{ type: EntityType; doc: Doc }> {
  const type = entityTypeOf(typeName);
  if (isTaxEntityType(type)) throw faults.unsupportedOperation(`Update on ${type}`);
  if (!isListedEntityType(type)) return updateCompanyDocument(db, realmId, type, input, options.sparse);
  return inTransaction(db, realmId, async (change) => {
    const existing = await entityOrFail(change.tx, realmId, type, asText(input.Id));
    checkSyncToken(existing, input);
    const merged = mergeUpdate(existing.body, input, options.sparse);
    const body = await prepare(change, type, merged, existing, options);
    await store.updateEntity(change.tx, existing, body, change.at);
    await change.notify(type, existing.id, "Update");
    await settleAfterWrite(change, type, existing.body, body);
    return { type, doc: present((await store.findEntity(change.tx, realmId, type, existing.id))!, change.company) };
  });
}

export async function deleteEntity(db: SandboxDb, realmId: string, typeName: string, input: Doc): Promise<{ type: EntityType; doc: Doc }> {
  const type = listed(entityTypeOf(typeName));
  if (NAME_LIST_TYPES.includes(type)) throw faults.unsupportedOperation(`Delete on ${type}; make it inactive instead`);
  return inTransaction(db, realmId, async (change) => {
    const existing = await entityOrFail(change.tx, realmId, type, asText(input.Id));
    checkSyncToken(existing, input);
    const settings = settingsOf(change.company);
    if (settings.bookCloseDate && asString(existing.body.TxnDate)! <= settings.bookCloseDate) throw faults.closedPeriod();
    await store.tombstoneEntity(change.tx, existing, change.at);
    if (type === "Invoice") await unapplyPaymentsOf(change, existing.id);
    await change.notify(type, existing.id, "Delete");
    await settleAfterWrite(change, type, existing.body, undefined);
    return { type, doc: { domain: "QBO", status: "Deleted", Id: existing.id } };
  });
}

/** Payments applied to an invoice that goes away (void or delete) become unapplied credit. */
async function unapplyPaymentsOf(change: Change, invoiceId: string): Promise<void> {
  for (const payment of await store.paymentsLinking(change.tx, change.company.realmId, invoiceId)) {
    const lines = (Array.isArray(payment.body.Line) ? payment.body.Line : [])
      .filter(isDoc)
      .filter((line) => !(Array.isArray(line.LinkedTxn) ? line.LinkedTxn : []).some((l) => isDoc(l) && l.TxnId === invoiceId && l.TxnType === "Invoice"));
    const applied = lines.reduce((sum, l) => sum + (asNumber(l.Amount) ?? 0), 0);
    const body = { ...payment.body, Line: lines, UnappliedAmt: roundMoney((asNumber(payment.body.TotalAmt) ?? 0) - applied) };
    await store.updateEntity(change.tx, payment, body, change.at);
    await change.notify("Payment", payment.id, "Update");
  }
}

export async function voidEntity(db: SandboxDb, realmId: string, typeName: string, input: Doc): Promise<{ type: EntityType; doc: Doc }> {
  const type = listed(entityTypeOf(typeName));
  if (type !== "Invoice" && type !== "Payment") throw faults.unsupportedOperation(`Void on ${type}`);
  return inTransaction(db, realmId, async (change) => {
    const existing = await entityOrFail(change.tx, realmId, type, asText(input.Id));
    checkSyncToken(existing, input);
    const settings = settingsOf(change.company);
    if (settings.bookCloseDate && asString(existing.body.TxnDate)! <= settings.bookCloseDate) throw faults.closedPeriod();
    if (type === "Invoice") await unapplyPaymentsOf(change, existing.id);
    const body = type === "Invoice" ? voidInvoice(existing.body) : voidPayment(existing.body);
    await store.updateEntity(change.tx, existing, body, change.at);
    await change.notify(type, existing.id, "Void");
    await settleAfterWrite(change, type, existing.body, body);
    return { type, doc: present((await store.findEntity(change.tx, realmId, type, existing.id))!, change.company) };
  });
}

function presentPreferences(company: CompanyRow): Doc {
  return {
    ...company.preferences,
    domain: "QBO",
    sparse: false,
    Id: "1",
    SyncToken: String(company.preferencesSyncToken),
    MetaData: { CreateTime: formatTimestamp(company.createdAt, company.utcOffset), LastUpdatedTime: formatTimestamp(company.updatedAt, company.utcOffset) },
  };
}

function presentCompanyInfo(company: CompanyRow): Doc {
  return {
    ...company.companyInfo,
    domain: "QBO",
    sparse: false,
    Id: "1",
    SyncToken: String(company.companyInfoSyncToken),
    MetaData: { CreateTime: formatTimestamp(company.createdAt, company.utcOffset), LastUpdatedTime: formatTimestamp(company.updatedAt, company.utcOffset) },
  };
}

/** The company's tax codes or rates, from its country; they never change, so SyncToken stays 0. */
function presentTaxEntities(company: CompanyRow, type: TaxEntityType): Doc[] {
  const catalog = taxCatalog(asString(company.companyInfo.Country) ?? "US");
  const docs = type === "TaxCode" ? catalog.codes.map((code) => taxCodeDocument(code, catalog)) : catalog.rates.map(taxRateDocument);
  const created = formatTimestamp(company.createdAt, company.utcOffset);
  return docs.map((doc) => ({ ...doc, domain: "QBO", sparse: false, SyncToken: "0", MetaData: { CreateTime: created, LastUpdatedTime: created } }));
}

/** Nested preference groups merge one level deep, so `{SalesFormsPrefs: {CustomTxnNumbers: true}}` keeps the rest of the group. */
function mergePreferences(existing: Doc, input: Doc): Doc {
  const result: Doc = { ...existing };
  for (const [key, value] of Object.entries(input)) {
    if (["Id", "SyncToken", "MetaData", "domain", "sparse"].includes(key)) continue;
    result[key] = isDoc(value) && isDoc(existing[key]) ? { ...(existing[key] as Doc), ...value } : value;
  }
  return result;
}

async function updateCompanyDocument(db: SandboxDb, realmId: string, type: EntityType, input: Doc, sparse: boolean): Promise<{ type: EntityType; doc: Doc }> {
  return inTransaction(db, realmId, async ({ tx, company, at }) => {
    const isPreferences = type === "Preferences";
    const supplied = asText(input.SyncToken);
    const current = isPreferences ? company.preferencesSyncToken : company.companyInfoSyncToken;
    if (supplied === undefined) throw faults.requiredParam("SyncToken");
    if (supplied !== String(current)) throw faults.staleObject();
    const existing = isPreferences ? company.preferences : company.companyInfo;
    const merged = sparse ? mergePreferences(existing, input) : mergePreferences({}, input);
    const values = isPreferences
      ? { preferences: merged, preferencesSyncToken: current + 1, updatedAt: at }
      : { companyInfo: merged, companyInfoSyncToken: current + 1, name: asText(merged.CompanyName) ?? company.name, updatedAt: at };
    const [updated] = await tx.update(companies).set(values).where(eq(companies.realmId, realmId)).returning();
    return { type, doc: isPreferences ? presentPreferences(updated!) : presentCompanyInfo(updated!) };
  });
}

export type QueryResponse = Record<string, unknown>;

export async function queryEntities(ex: SandboxExecutor, realmId: string, text: string): Promise<QueryResponse> {
  const query = validateQuery(parseQuery(text));
  const company = await companyOrFail(ex, realmId, false);
  let records: Doc[];
  if (query.entity === "Preferences") records = [presentPreferences(company)];
  else if (query.entity === "CompanyInfo") records = [presentCompanyInfo(company)];
  else if (isTaxEntityType(query.entity)) records = presentTaxEntities(company, query.entity);
  else {
    const type = query.entity;
    const hideInactive = NAME_LIST_TYPES.includes(type as never) && !query.where.some((c) => c.path.toLowerCase() === "active");
    const idOrder = query.orderBy.every((o) => o.path.toLowerCase() === "id" && !o.descending);
    if (query.where.length === 0 && idOrder) {
      // A plain page (or count) in Id order: answered in SQL, as many rows as asked for.
      if (query.count) return { totalCount: await store.countEntities(ex, realmId, type, hideInactive) };
      const rows = await store.pageOfEntities(ex, realmId, type, { offset: query.startPosition - 1, limit: query.maxResults, hideInactive });
      if (rows.length === 0) return {};
      return { [type]: rows.map((row) => present(row, company)), startPosition: query.startPosition, maxResults: rows.length };
    }
    // A condition the indexes can answer narrows the records read to a superset of the matches;
    // the query itself (conditions, order, paging) still runs over them below.
    const narrowed = await candidateEntities(ex, realmId, type, query.where);
    records = (narrowed ?? (await store.listEntities(ex, realmId, type))).map((row) => present(row, company));
  }
  const result = runQuery(query, records);
  if (result.kind === "count") return { totalCount: result.totalCount };
  if (result.rows.length === 0) return {};
  return { [query.entity]: result.rows, startPosition: query.startPosition, maxResults: result.rows.length };
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/**
 * The records that may match a condition on Id (`=`, `IN`) or an equality on DisplayName, Name,
 * Sku or PrimaryEmailAddr, read through the indexes; undefined when no condition qualifies.
 * Always a superset of what `runQuery` keeps: Ids are compared as numbers there, so each numeric
 * literal is looked up in its canonical form; text literals only when plain ASCII, not numeric and
 * not dates (those compare otherwise), lower-cased the same way on both sides.
 */
async function candidateEntities(ex: SandboxExecutor, realmId: string, type: ListedEntityType, where: QueryCondition[]): Promise<EntityRow[] | undefined> {
  for (const condition of where) {
    if (condition.operator !== "=" && condition.operator !== "IN") continue;
    const literals = Array.isArray(condition.value) ? condition.value : [condition.value];
    const path = condition.path.toLowerCase();
    if (path === "id") {
      if (!literals.every((v) => typeof v === "number" || (typeof v === "string" && NUMERIC.test(v.trim())))) continue;
      const ids = literals.map(Number).filter((n) => Number.isSafeInteger(n)).map(String);
      if (ids.length !== literals.length) continue;
      return store.entitiesByIds(ex, realmId, type, [...new Set(ids)]);
    }
    const field = path === "primaryemailaddr.address" ? "primaryemailaddr" : path;
    if (!(field in store.INDEXED_TEXT_FIELDS)) continue;
    const plain = literals.every((v) => typeof v === "string" && /^[\x20-\x7e]*$/.test(v) && !NUMERIC.test(v) && !/^\d{4}-\d{2}-\d{2}/.test(v) && !/^(true|false)$/i.test(v));
    if (!plain) continue;
    return store.entitiesByText(ex, realmId, type, field as keyof typeof store.INDEXED_TEXT_FIELDS, [...new Set(literals.map((v) => String(v).toLowerCase()))]);
  }
  return undefined;
}

export const CDC_MAX_DAYS = 30;
export const CDC_MAX_OBJECTS = 1000;

/** Change Data Capture: every record of the listed types changed since `changedSince`, deletions as markers. */
export async function changeDataCapture(ex: SandboxExecutor, realmId: string, entitiesParam: string | null, changedSinceParam: string | null): Promise<Doc[]> {
  if (!entitiesParam) throw faults.requiredParam("entities");
  if (!changedSinceParam) throw faults.requiredParam("changedSince");
  const since = new Date(changedSinceParam);
  if (Number.isNaN(since.getTime())) throw faults.queryValidation(`changedSince value ${changedSinceParam} is not a valid date`);
  if (now().getTime() - since.getTime() > CDC_MAX_DAYS * 86_400_000) throw faults.cdcTooOld();
  const types = entitiesParam.split(",").map((name) => {
    const type = canonicalEntityType(name.trim());
    if (!type || !LISTED_ENTITY_TYPES.includes(type as ListedEntityType)) throw faults.queryValidation(`Invalid entity name: ${name}`);
    return type as ListedEntityType;
  });
  const company = await companyOrFail(ex, realmId, false);
  const rows = await store.changedSince(ex, realmId, types, since, CDC_MAX_OBJECTS);
  const responses = types.map((type) => {
    const changed = rows.filter((r) => r.entityType === type);
    if (changed.length === 0) return {};
    const docs = changed.map((r) => (r.deletedAt ? presentDeleted(r, company) : present(r, company)));
    return { [type]: docs, startPosition: 1, maxResults: docs.length, totalCount: docs.length };
  });
  return [{ QueryResponse: responses }];
}
