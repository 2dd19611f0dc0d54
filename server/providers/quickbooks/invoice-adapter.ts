import { SEEN, writeEach, type Page, type SideAdapter, type WriteInput } from "../../sync/engine/adapter";
import { canonicalLine, decodeLines, encodeLines, fallbackServiceDate, INVOICE_FIELDS, type CanonicalLine } from "../../sync/engine/lines";
import type { SideRecord } from "../../sync/engine/values";
import { missingParty, SyncError } from "../../sync/errors";
import { requestIdFor } from "../../sync/request-id";
import { isGone, quickbooksAdapter, quickbooksRecord } from "./adapter";
import { BATCH_MAX_ITEMS, type QuickBooksClient } from "./client";
import { unflatten } from "./fields";
import { CUSTOM_LINE_ITEM } from "./items";
import { quickbooksTaxCodes } from "./tax-codes";
import { QUICKBOOKS_TERMS_PATH, termId, termName } from "./terms";
import type { QboEntityBase } from "./types";
import type { LineTax } from "../../sync/tax/line-tax";

type Doc = Record<string, unknown>;
type Invoice = QboEntityBase & Doc & { Line?: Doc[]; CustomerRef?: { value: string }; SalesTermRef?: { value?: string }; Balance?: number; TotalAmt?: number; PrivateNote?: string };

/** Values per `IN (…)` of a query. */
const QUERY_IN_MAX = 100;

const quote = (value: string) => `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;

/** What is compared of a status: voided or not (paid and partially paid follow the balance). */
function statusOf(invoice: Invoice): string {
  return String(invoice.PrivateNote ?? "").startsWith("Voided") && Number(invoice.TotalAmt ?? 0) === 0 ? "voided" : "open";
}

export interface QuickBooksInvoiceOptions {
  /** The income account of the "Custom line item" item, chosen in the setup. */
  customLineItemAccountId?: string;
  /** Whether lines' service dates are compared (a HubSpot line-item property carries them). */
  compareServiceDates?: boolean;
  /** For a line without a service date: the invoice's date, its due date, or none (QuickBooks may refuse it). */
  serviceDateFallback?: "invoice_date" | "due_date" | "none";
  /** The tax translation when the company requires tax (null: a US company, lines carry no tax codes). */
  tax?: () => Promise<LineTax | null>;
  /** HubSpot's total of the invoice with this id, to check QuickBooks' computed total against. */
  hubspotTotal?: (hubspotInvoiceId: string) => Promise<number | null>;
}

/** QuickBooks' total may differ from HubSpot's by rounding, up to a cent. */
const TOTAL_TOLERANCE = 0.01;

/**
 * QuickBooks invoices with their customer and lines. Besides the mapped fields, a record carries
 * its customer's email, its lines (matched to items by SKU) and its status as `__` fields.
 */
export function quickbooksInvoiceAdapter(client: QuickBooksClient, options: QuickBooksInvoiceOptions = {}): SideAdapter {
  const base = quickbooksAdapter(client, { entity: "Invoice" });
  let customItem: Promise<string> | undefined;
  let codePercentages: Promise<Map<string, number>> | undefined;
  const lineTax = () => options.tax?.() ?? Promise.resolve(null);

  const salesLines = (invoice: Invoice) => (invoice.Line ?? []).filter((l) => l.DetailType === "SalesItemLineDetail");
  const itemIdOf = (line: Doc) => String(((line.SalesItemLineDetail as Doc | undefined)?.ItemRef as Doc | undefined)?.value);

  /** Rows of `entity` whose Id is one of `ids`: one query per 100 ids. */
  async function byIds<T>(entity: "Item" | "Customer", ids: string[]): Promise<T[]> {
    const rows: T[] = [];
    for (let i = 0; i < ids.length; i += QUERY_IN_MAX) rows.push(...(await client.queryAll<T>(entity, `Id IN (${ids.slice(i, i + QUERY_IN_MAX).map(quote).join(",")})`)));
    return rows;
  }

  /**
   * Items' SKUs and customers' emails by id, as this adapter last looked them up. A read looks up
   * afresh; the answer of a write that follows is expanded with what that read and the write's
   * own lookups found (the invoice Tandem just wrote has the customer and items it was written with).
   */
  const skuById = new Map<string, string | null>();
  const emailById = new Map<string, string | null>();

  /**
   * Invoices with their lines' SKUs and their customers' emails, looked up for all of them at once
   * (after a write, only those not known from the lookups before it).
   */
  async function expandMany(invoices: Invoice[], afterWrite = false): Promise<SideRecord[]> {
    const tax = await lineTax();
    const unknown = (known: Map<string, unknown>, ids: string[]) => [...new Set(ids)].filter((id) => !afterWrite || !known.has(id));
    const itemIds = unknown(skuById, invoices.flatMap((invoice) => salesLines(invoice).map(itemIdOf)));
    const customerIds = unknown(
      emailById,
      invoices.map((invoice) => invoice.CustomerRef?.value).filter((id): id is string => Boolean(id)),
    );
    const [items, customers] = await Promise.all([
      itemIds.length ? byIds<Doc & { Id: string; Sku?: string }>("Item", itemIds) : Promise.resolve([]),
      customerIds.length ? byIds<Doc & { Id: string; PrimaryEmailAddr?: { Address?: string } }>("Customer", customerIds) : Promise.resolve([]),
    ]);
    // An id looked up and not found (deleted meanwhile) has no SKU or email any more.
    for (const id of itemIds) skuById.delete(id);
    for (const id of customerIds) emailById.delete(id);
    for (const item of items) skuById.set(item.Id, item.Sku ?? null);
    for (const customer of customers) emailById.set(customer.Id, customer.PrimaryEmailAddr?.Address?.toLowerCase() ?? null);
    const skuOf = skuById;
    const emailOf = emailById;
    const termIds = [...new Set(invoices.map((invoice) => invoice.SalesTermRef?.value).filter((id): id is string => Boolean(id)))];
    const termNames = new Map(await Promise.all(termIds.map(async (id) => [id, await termName(client, id)] as const)));
    return invoices.map((invoice) => {
      const record = quickbooksRecord(invoice);
      const canonical = salesLines(invoice).map((line) => {
        const detail = (line.SalesItemLineDetail ?? {}) as Doc;
        return canonicalLine({
          sku: skuOf.get(itemIdOf(line)),
          description: line.Description,
          quantity: detail.Qty,
          unitPrice: detail.UnitPrice,
          ...(options.compareServiceDates ? { serviceDate: detail.ServiceDate ?? null } : {}),
          ...(tax ? { taxCode: (detail.TaxCodeRef as Doc | undefined)?.value?.toString() ?? null } : {}),
        });
      });
      const customerId = invoice.CustomerRef?.value;
      record.fields[INVOICE_FIELDS.customer] = (customerId && emailOf.get(customerId)) || null;
      record.fields[INVOICE_FIELDS.customerRef] = customerId ?? null;
      record.fields[INVOICE_FIELDS.lines] = encodeLines(canonical);
      record.fields[INVOICE_FIELDS.status] = statusOf(invoice);
      record.fields[INVOICE_FIELDS.total] = invoice.TotalAmt ?? null;
      record.fields[QUICKBOOKS_TERMS_PATH] = termNames.get(invoice.SalesTermRef?.value ?? "") ?? null;
      return record;
    });
  }

  const expand = async (invoice: Invoice, afterWrite = false) => (await expandMany([invoice], afterWrite))[0]!;

  async function customLineItemId(): Promise<string> {
    customItem ??= (async () => {
      const [existing] = await client.queryAll<{ Id: string; Sku?: string }>("Item", `Name = ${quote(CUSTOM_LINE_ITEM)}`);
      if (existing) {
        skuById.set(existing.Id, existing.Sku ?? null);
        return existing.Id;
      }
      const account = options.customLineItemAccountId ?? (await client.queryAll<{ Id: string }>("Account", "AccountType = 'Income'"))[0]?.Id;
      const created = await client.create<QboEntityBase & { Sku?: string }>("Item", { Name: CUSTOM_LINE_ITEM, Type: "Service", IncomeAccountRef: { value: account } }, `custom-line-item:${account}`);
      skuById.set(created.Id, created.Sku ?? null);
      return created.Id;
    })();
    return customItem;
  }

  /** A tax-inclusive line's amount with its tax, at the percentage of its QuickBooks tax code. */
  async function withTax(amount: number, codeId: string): Promise<number> {
    codePercentages ??= quickbooksTaxCodes(client).then((codes) => new Map(codes.map((c) => [c.id, c.percentage])));
    const percentage = (await codePercentages).get(codeId) ?? 0;
    return Math.round(amount * (100 + percentage)) / 100;
  }

  /** The items with these lines' SKUs, by lower-case SKU: one query per 100 SKUs. */
  async function itemsBySku(lines: CanonicalLine[]): Promise<Map<string, string>> {
    const skus = [...new Set(lines.map((l) => l.sku).filter((s): s is string => Boolean(s)))];
    const bySku = new Map<string, string>();
    for (let i = 0; i < skus.length; i += QUERY_IN_MAX) {
      const items = await client.queryAll<{ Id: string; Sku?: string }>("Item", `Sku IN (${skus.slice(i, i + QUERY_IN_MAX).map(quote).join(",")})`);
      for (const item of items) {
        bySku.set(String(item.Sku).toLowerCase(), item.Id);
        skuById.set(item.Id, item.Sku ?? null);
      }
    }
    return bySku;
  }

  async function qboLines(lines: CanonicalLine[], fallbackDate: string | null, tax: LineTax | null, items?: Map<string, string>): Promise<Doc[]> {
    const bySku = items ?? (await itemsBySku(lines));
    const result: Doc[] = [];
    for (const line of lines) {
      const itemId = (line.sku && bySku.get(line.sku.toLowerCase())) || (await customLineItemId());
      const amount = Math.round(line.quantity * line.unitPrice * 100) / 100;
      const taxCode = tax ? tax.codeForWrite(line.taxCode, line.description) : undefined;
      result.push({
        DetailType: "SalesItemLineDetail",
        Amount: amount,
        ...(line.description ? { Description: line.description } : {}),
        SalesItemLineDetail: {
          ItemRef: { value: itemId },
          Qty: line.quantity,
          UnitPrice: line.unitPrice,
          ...((line.serviceDate ?? fallbackDate) ? { ServiceDate: line.serviceDate ?? fallbackDate } : {}),
          ...(taxCode ? { TaxCodeRef: { value: taxCode } } : {}),
          ...(taxCode && tax?.mode === "inclusive" ? { TaxInclusiveAmt: await withTax(amount, taxCode) } : {}),
        },
      });
    }
    return result;
  }

  /**
   * The terms by the name the fields carry. No name leaves a new invoice to QuickBooks, which gives it
   * the company's default terms (they come back as filled in), and clears an existing one's.
   */
  async function salesTermRef(fields: Doc, current: Invoice | undefined): Promise<Doc> {
    if (!(QUICKBOOKS_TERMS_PATH in fields)) return {};
    const name = String(fields[QUICKBOOKS_TERMS_PATH] ?? "").trim();
    if (name) return { SalesTermRef: { value: await termId(client, name) } };
    return current ? { SalesTermRef: { value: "" } } : {};
  }

  async function body(input: WriteInput, current?: Invoice, items?: Map<string, string>): Promise<Doc> {
    const fields = { ...input.fields };
    const fallbackDate = fallbackServiceDate(options.serviceDateFallback ?? "none", fields, current);
    const customerId = fields[INVOICE_FIELDS.customerRef];
    const lines = fields[INVOICE_FIELDS.lines];
    const terms = await salesTermRef(fields, current);
    for (const key of [...Object.values(INVOICE_FIELDS), "Balance", "TotalAmt", QUICKBOOKS_TERMS_PATH]) delete fields[key];
    const tax = await lineTax();
    return {
      ...unflatten(fields),
      ...terms,
      ...(customerId ? { CustomerRef: { value: String(customerId) } } : {}),
      ...(lines !== undefined ? { Line: await qboLines(decodeLines(lines), fallbackDate, tax, items) } : {}),
      ...(lines !== undefined && tax ? { GlobalTaxCalculation: tax.mode === "inclusive" ? "TaxInclusive" : "TaxExcluded" } : {}),
    };
  }

  async function voidIfAsked(invoice: Invoice, input: WriteInput): Promise<Invoice> {
    if (input.fields[INVOICE_FIELDS.status] !== "voided" || statusOf(invoice) === "voided") return invoice;
    return client.void<Invoice>("Invoice", { Id: invoice.Id, SyncToken: invoice.SyncToken }, `${input.requestKey}:void`);
  }

  async function invoicePage(cursor: string | null, size: number, where: string, full: boolean): Promise<Page> {
    const start = Number(cursor ?? "1");
    const rows = await client.queryPage<Invoice>("Invoice", start, size, where);
    // Without lines and customer, a record still says whether it is voided (a voided invoice never synced is left out).
    const partial = (row: Invoice) => {
      const record = quickbooksRecord(row);
      record.fields[INVOICE_FIELDS.status] = statusOf(row);
      return record;
    };
    return { records: full ? await expandMany(rows) : rows.map(partial), next: rows.length < size ? null : String(start + rows.length) };
  }

  async function readInvoices(ids: string[]): Promise<SideRecord[]> {
    const invoices: Invoice[] = [];
    for (let i = 0; i < ids.length; i += QUERY_IN_MAX) invoices.push(...(await client.queryAll<Invoice>("Invoice", `Id IN (${ids.slice(i, i + QUERY_IN_MAX).map(quote).join(",")})`)));
    return expandMany(invoices);
  }

  /** One GET: a deleted or unknown invoice answers 610, which is "gone" (null). */
  const getInvoice = (id: string) =>
    client.get<Invoice>("Invoice", id).catch((error: unknown) => {
      if (isGone(error)) return null;
      throw error;
    });

  const read = async (id: string) => {
    const invoice = await getInvoice(id);
    return invoice ? expand(invoice) : null;
  };

  /** At the SyncToken last seen, the invoice is unchanged: its customer and items aren't looked up. */
  const readUnlessSeen = async (id: string, seenVersion: string) => {
    const invoice = await getInvoice(id);
    if (invoice?.SyncToken === seenVersion) return SEEN;
    return invoice ? expand(invoice) : null;
  };

  /**
   * QuickBooks computes the tax itself (per rate, HubSpot per line): after a write its total must
   * match HubSpot's within a cent, else the record fails with both totals.
   */
  async function checkTotals(invoice: Invoice, input: WriteInput): Promise<void> {
    if (!options.hubspotTotal || !input.counterpartId || statusOf(invoice) === "voided" || !(await lineTax())) return;
    const expected = await options.hubspotTotal(input.counterpartId);
    if (expected === null) return;
    const total = Number(invoice.TotalAmt ?? 0);
    const drift = Math.round((total - expected) * 100) / 100;
    if (Math.abs(drift) > TOTAL_TOLERANCE) {
      const tax = Number((invoice.TxnTaxDetail as Doc | undefined)?.TotalTax ?? 0);
      throw new SyncError("TAX_TOTAL_MISMATCH", `QuickBooks computed a total of ${total.toFixed(2)} (tax ${tax.toFixed(2)}); HubSpot's total is ${expected.toFixed(2)}.`);
    }
  }

  async function create(input: WriteInput): Promise<SideRecord> {
    if (!input.fields[INVOICE_FIELDS.customerRef]) throw missingParty("quickbooks");
    const created = await client.create<Invoice>("Invoice", await body(input), input.requestKey);
    await input.onCreated?.(created.Id);
    await checkTotals(created, input);
    return expand(await voidIfAsked(created, input), true);
  }

  /**
   * New invoices through `/batch`, 30 per request and the requests side by side: the items of every
   * line looked up once, the invoices created (their payments follow as records of their own).
   * The requestid of a batch is made of its
   * invoices' own keys, so a page retried after a crash sends the same batch again and QuickBooks
   * answers it without creating anything twice (`onCreated` stores a batch's ids all at once, and
   * only the last batch is short, so what remains to send is made of the same batches). An invoice
   * QuickBooks refused gets its Fault.
   */
  async function createMany(inputs: WriteInput[], onCreated?: (created: Array<{ traceId: string; id: string }>) => Promise<void>): Promise<Map<string, SideRecord | Error>> {
    const results = new Map<string, SideRecord | Error>();
    const fail = (traceId: string, error: unknown) => results.set(traceId, error instanceof Error ? error : new Error(String(error)));
    const items = await itemsBySku(inputs.flatMap((input) => decodeLines(input.fields[INVOICE_FIELDS.lines])));
    const bodies = new Map<string, Doc>();
    for (const input of inputs) {
      if (!input.fields[INVOICE_FIELDS.customerRef]) {
        fail(input.traceId, missingParty("quickbooks"));
        continue;
      }
      try {
        bodies.set(input.traceId, await body(input, undefined, items));
      } catch (error) {
        fail(input.traceId, error);
      }
    }
    const invoices = new Map<string, Invoice>();
    // A batch's ids are stored as soon as it answered: the Create webhooks and polls that come
    // while the other batches wait for QuickBooks' rate find the invoices Tandem's own.
    const stored = async (created: WriteInput[]) => {
      if (created.length === 0) return;
      if (onCreated) await onCreated(created.map((input) => ({ traceId: input.traceId, id: invoices.get(input.traceId)!.Id })));
      else for (const input of created) await input.onCreated?.(invoices.get(input.traceId)!.Id);
    };
    const writes = inputs.filter((input) => bodies.has(input.traceId));
    const chunks: WriteInput[][] = [];
    for (let i = 0; i < writes.length; i += BATCH_MAX_ITEMS) chunks.push(writes.slice(i, i + BATCH_MAX_ITEMS));
    await Promise.all(
      chunks.map(async (chunk) => {
        const requests = chunk.map((input, n) => ({ bId: String(n + 1), operation: "create" as const, entity: "Invoice" as const, record: bodies.get(input.traceId)!, key: input.requestKey }));
        try {
          const answers = await client.batch<Invoice>(requests, requestIdFor("batch", ...requests.map((r) => r.key)));
          for (const [n, input] of chunk.entries()) {
            const answer = answers.get(String(n + 1))!;
            if (answer instanceof Error) fail(input.traceId, answer);
            else invoices.set(input.traceId, answer);
          }
        } catch (error) {
          for (const input of chunk) fail(input.traceId, error);
          return;
        }
        await stored(chunk.filter((input) => invoices.has(input.traceId)));
      }),
    );
    const made = inputs.filter((input) => invoices.has(input.traceId));

    // QuickBooks computes tax itself: its total is checked against HubSpot's.
    for (const input of made) {
      try {
        await checkTotals(invoices.get(input.traceId)!, input);
      } catch (error) {
        fail(input.traceId, error);
      }
    }
    for (const input of made) {
      if (results.has(input.traceId) || input.fields[INVOICE_FIELDS.status] !== "voided") continue;
      try {
        invoices.set(input.traceId, await voidIfAsked(invoices.get(input.traceId)!, input));
      } catch (error) {
        fail(input.traceId, error);
      }
    }
    const done = made.filter((input) => !results.has(input.traceId));
    for (const [n, record] of (await expandMany(done.map((input) => invoices.get(input.traceId)!), true)).entries()) results.set(done[n]!.traceId, record);
    return results;
  }

  /**
   * The invoice a record was read from, as far as a write needs it (its SyncToken, dates, totals,
   * customer, note): a write against the version read, which QuickBooks refuses (5010) if it
   * changed meanwhile, rather than another GET that would write over that change.
   */
  function invoiceOf(record: SideRecord): Invoice {
    const field = (path: string) => record.fields[path] ?? undefined;
    const customerId = field("CustomerRef.value");
    return {
      Id: record.id,
      SyncToken: record.version ?? "",
      TxnDate: field("TxnDate"),
      DueDate: field("DueDate"),
      PrivateNote: field("PrivateNote") as string | undefined,
      TotalAmt: field("TotalAmt") as number | undefined,
      Balance: field("Balance") as number | undefined,
      TxnTaxDetail: { TotalTax: field("TxnTaxDetail.TotalTax") },
      ...(customerId ? { CustomerRef: { value: String(customerId) } } : {}),
    } as Invoice;
  }

  async function update(current: SideRecord, input: WriteInput): Promise<SideRecord> {
    let invoice = invoiceOf(current);
    const changes = await body(input, invoice);
    if (Object.keys(changes).length) {
      invoice = await client.update<Invoice>("Invoice", { ...changes, Id: invoice.Id, SyncToken: invoice.SyncToken }, `${input.requestKey}:${invoice.SyncToken}`);
    }
    await checkTotals(invoice, input);
    return expand(await voidIfAsked(invoice, input), true);
  }

  return {
    ...base,
    read,
    readUnlessSeen,
    readMany: readInvoices,
    page: (cursor, size) => invoicePage(cursor, size, "", true),
    pageByDate: (range, cursor, size, { full }) => invoicePage(cursor, size, `TxnDate >= ${quote(range.from)} AND TxnDate <= ${quote(range.to)}`, full),
    // By number: invoices are matched only in a backfill (their spec has no match rule otherwise).
    findByMatch: async (keys) => {
      const found = new Map<string, SideRecord>();
      for (let i = 0; i < keys.length; i += QUERY_IN_MAX) {
        const chunk = keys.slice(i, i + QUERY_IN_MAX).map(quote).join(",");
        const rows = (await client.queryAll<Invoice>("Invoice", `DocNumber IN (${chunk})`)).filter((row, n, all) => {
          const key = String(row.DocNumber ?? "").trim().toLowerCase();
          return key && all.findIndex((other) => String(other.DocNumber ?? "").trim().toLowerCase() === key) === n;
        });
        for (const record of await expandMany(rows)) found.set(String(record.fields.DocNumber ?? "").trim().toLowerCase(), record);
      }
      return found;
    },
    create,
    update,
    batchWrite: async (operation, inputs, onCreated) => {
      if (operation === "create") return createMany(inputs, onCreated);
      return writeEach(inputs, async (input) => {
        const current = await getInvoice(input.id!);
        if (!current) throw new SyncError("STALE_OBJECT", "The invoice was deleted in QuickBooks meanwhile.");
        return update(quickbooksRecord(current), input);
      });
    },
    // Read again in batches (customers' emails, items' SKUs), not two requests per invoice.
    changedSince: async (since) => {
      const found = await base.changedSince(since);
      const expanded = new Map((await readInvoices(found.records.map((r) => r.id))).map((r) => [r.id, r]));
      return { ...found, records: found.records.map((r) => expanded.get(r.id) ?? r) };
    },
  };
}
