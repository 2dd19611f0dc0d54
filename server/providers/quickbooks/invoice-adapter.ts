import type { Page, SideAdapter, WriteInput } from "../../sync/engine/adapter";
import { canonicalLine, decodeLines, encodeLines, INVOICE_FIELDS, type CanonicalLine } from "../../sync/engine/lines";
import type { SideRecord } from "../../sync/engine/values";
import { SyncError } from "../../sync/errors";
import { quickbooksAdapter, quickbooksRecord } from "./adapter";
import type { QuickBooksClient } from "./client";
import { unflatten } from "./fields";
import { quickbooksTaxCodes } from "./tax-codes";
import type { QboEntityBase } from "./types";
import type { LineTax } from "../../sync/tax/line-tax";

/** Lines without a matching item go to this item, created when missing (as the original does). */
export const CUSTOM_LINE_ITEM = "Custom line item";
/** Marks the QuickBooks payments Tandem records for HubSpot payments (followed by the invoice id). */
const TANDEM_PAYMENT_NOTE = "Tandem: HubSpot payment on invoice";

type Doc = Record<string, unknown>;
type Invoice = QboEntityBase & Doc & { Line?: Doc[]; CustomerRef?: { value: string }; Balance?: number; TotalAmt?: number; PrivateNote?: string };

const NUMBERS_PER_QUERY = 100;

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

  async function expand(invoice: Invoice): Promise<SideRecord> {
    const tax = await lineTax();
    const record = quickbooksRecord(invoice);
    const lines = (invoice.Line ?? []).filter((l) => l.DetailType === "SalesItemLineDetail");
    const itemIds = [...new Set(lines.map((l) => String((l.SalesItemLineDetail as Doc | undefined)?.ItemRef && ((l.SalesItemLineDetail as Doc).ItemRef as Doc).value)))];
    const customerId = invoice.CustomerRef?.value;
    const [items, customers] = await Promise.all([
      itemIds.length ? client.queryAll<Doc & { Id: string; Sku?: string }>("Item", `Id IN (${itemIds.map(quote).join(",")})`) : Promise.resolve([]),
      customerId ? client.queryAll<Doc & { PrimaryEmailAddr?: { Address?: string } }>("Customer", `Id = ${quote(customerId)}`) : Promise.resolve([]),
    ]);
    const skuOf = new Map(items.map((i) => [i.Id, i.Sku ?? null]));
    const canonical = lines.map((line) => {
      const detail = (line.SalesItemLineDetail ?? {}) as Doc;
      return canonicalLine({
        sku: skuOf.get(String((detail.ItemRef as Doc | undefined)?.value)),
        description: line.Description,
        quantity: detail.Qty,
        unitPrice: detail.UnitPrice,
        ...(options.compareServiceDates ? { serviceDate: detail.ServiceDate ?? null } : {}),
        ...(tax ? { taxCode: (detail.TaxCodeRef as Doc | undefined)?.value?.toString() ?? null } : {}),
      });
    });
    record.fields[INVOICE_FIELDS.customer] = customers[0]?.PrimaryEmailAddr?.Address?.toLowerCase() ?? null;
    record.fields[INVOICE_FIELDS.customerRef] = customerId ?? null;
    record.fields[INVOICE_FIELDS.lines] = encodeLines(canonical);
    record.fields[INVOICE_FIELDS.status] = statusOf(invoice);
    return record;
  }

  async function customLineItemId(): Promise<string> {
    customItem ??= (async () => {
      const [existing] = await client.queryAll<{ Id: string }>("Item", `Name = ${quote(CUSTOM_LINE_ITEM)}`);
      if (existing) return existing.Id;
      const account = options.customLineItemAccountId ?? (await client.queryAll<{ Id: string }>("Account", "AccountType = 'Income'"))[0]?.Id;
      const created = await client.create<QboEntityBase>("Item", { Name: CUSTOM_LINE_ITEM, Type: "Service", IncomeAccountRef: { value: account } }, `custom-line-item:${account}`);
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

  async function qboLines(lines: CanonicalLine[], fallbackDate: string | null, tax: LineTax | null): Promise<Doc[]> {
    const skus = [...new Set(lines.map((l) => l.sku).filter((s): s is string => Boolean(s)))];
    const items = skus.length ? await client.queryAll<{ Id: string; Sku?: string }>("Item", `Sku IN (${skus.map(quote).join(",")})`) : [];
    const bySku = new Map(items.map((i) => [String(i.Sku).toLowerCase(), i.Id]));
    const result: Doc[] = [];
    for (const line of lines) {
      const itemId = (line.sku && bySku.get(line.sku)) || (await customLineItemId());
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

  async function body(input: WriteInput, current?: Invoice): Promise<Doc> {
    const fields = { ...input.fields };
    const fallback = options.serviceDateFallback ?? "none";
    const fallbackDate =
      fallback === "none" ? null : String(fields[fallback === "invoice_date" ? "TxnDate" : "DueDate"] ?? current?.[fallback === "invoice_date" ? "TxnDate" : "DueDate"] ?? "") || null;
    const customerId = fields[INVOICE_FIELDS.customerRef];
    const lines = fields[INVOICE_FIELDS.lines];
    for (const key of [...Object.values(INVOICE_FIELDS), "Balance", "TotalAmt"]) delete fields[key];
    const tax = await lineTax();
    return {
      ...unflatten(fields),
      ...(customerId ? { CustomerRef: { value: String(customerId) } } : {}),
      ...(lines !== undefined ? { Line: await qboLines(decodeLines(lines), fallbackDate, tax) } : {}),
      ...(lines !== undefined && tax ? { GlobalTaxCalculation: tax.mode === "inclusive" ? "TaxInclusive" : "TaxExcluded" } : {}),
    };
  }

  /**
   * A balance that went down in HubSpot (a payment) becomes a QuickBooks Payment applied to the
   * invoice; one that went up (a payment refunded there) voids the payments Tandem made for it.
   */
  async function settleBalance(invoice: Invoice, input: WriteInput, drift = 0): Promise<Invoice> {
    const balance = input.fields.Balance;
    if (typeof balance !== "number" || statusOf(invoice) === "voided") return invoice;
    const amount = Math.round((Number(invoice.Balance ?? 0) - drift - balance) * 100) / 100;
    const note = `${TANDEM_PAYMENT_NOTE} ${invoice.Id}`;
    if (amount > 0) {
      await client.create(
        "Payment",
        { CustomerRef: invoice.CustomerRef, TotalAmt: amount, PrivateNote: note, Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoice.Id, TxnType: "Invoice" }] }] },
        `${input.requestKey}:payment:${amount}`,
      );
    } else if (amount < 0) {
      let toVoid = -amount;
      const ours = await client.queryAll<QboEntityBase & { TotalAmt?: number }>("Payment", `PrivateNote = ${quote(note)}`);
      for (const payment of ours.filter((p) => Number(p.TotalAmt ?? 0) > 0).sort((a, b) => Number(b.Id) - Number(a.Id))) {
        if (toVoid <= 0) break;
        await client.void("Payment", { Id: payment.Id, SyncToken: payment.SyncToken }, `${input.requestKey}:void-payment:${payment.Id}`);
        toVoid -= Number(payment.TotalAmt ?? 0);
      }
    } else {
      return invoice;
    }
    return client.get<Invoice>("Invoice", invoice.Id);
  }

  async function voidIfAsked(invoice: Invoice, input: WriteInput): Promise<Invoice> {
    if (input.fields[INVOICE_FIELDS.status] !== "voided" || statusOf(invoice) === "voided") return invoice;
    return client.void<Invoice>("Invoice", { Id: invoice.Id, SyncToken: invoice.SyncToken }, `${input.requestKey}:void`);
  }

  async function invoicePage(cursor: string | null, size: number, where: string, full: boolean): Promise<Page> {
    const start = Number(cursor ?? "1");
    const rows = await client.queryPage<Invoice>("Invoice", start, size, where);
    return { records: full ? await Promise.all(rows.map(expand)) : rows.map(quickbooksRecord), next: rows.length < size ? null : String(start + rows.length) };
  }

  const read = async (id: string) => {
    const found = await base.read(id);
    return found ? expand(await client.get<Invoice>("Invoice", id)) : null;
  };

  /**
   * QuickBooks computes the tax itself (per rate, HubSpot per line): after a write its total must
   * match HubSpot's within a cent, else the record fails with both totals. Answers the rounding
   * drift (QuickBooks' total less HubSpot's), which is no payment to settle.
   */
  async function checkTotals(invoice: Invoice, input: WriteInput): Promise<number> {
    if (!options.hubspotTotal || !input.counterpartId || statusOf(invoice) === "voided" || !(await lineTax())) return 0;
    const expected = await options.hubspotTotal(input.counterpartId);
    if (expected === null) return 0;
    const total = Number(invoice.TotalAmt ?? 0);
    const drift = Math.round((total - expected) * 100) / 100;
    if (Math.abs(drift) > TOTAL_TOLERANCE) {
      const tax = Number((invoice.TxnTaxDetail as Doc | undefined)?.TotalTax ?? 0);
      throw new SyncError("TAX_TOTAL_MISMATCH", `QuickBooks computed a total of ${total.toFixed(2)} (tax ${tax.toFixed(2)}); HubSpot's total is ${expected.toFixed(2)}.`);
    }
    return drift;
  }

  async function create(input: WriteInput): Promise<SideRecord> {
    if (!input.fields[INVOICE_FIELDS.customerRef]) throw new SyncError("MISSING_CUSTOMER", "The invoice has no contact with an email address.");
    const created = await client.create<Invoice>("Invoice", await body(input), input.requestKey);
    await input.onCreated?.(created.Id);
    return expand(await voidIfAsked(await settleBalance(created, input, await checkTotals(created, input)), input));
  }

  async function update(current: SideRecord, input: WriteInput): Promise<SideRecord> {
    let invoice = await client.get<Invoice>("Invoice", current.id);
    const changes = await body(input, invoice);
    if (Object.keys(changes).length) {
      invoice = await client.update<Invoice>("Invoice", { ...changes, Id: invoice.Id, SyncToken: invoice.SyncToken }, `${input.requestKey}:${invoice.SyncToken}`);
    }
    return expand(await voidIfAsked(await settleBalance(invoice, input, await checkTotals(invoice, input)), input));
  }

  return {
    ...base,
    read,
    readMany: async (ids) => (await Promise.all(ids.map(read))).filter((r): r is SideRecord => r !== null),
    // Expanded from the invoices as QuickBooks answered (the base page's records are flattened already).
    page: (cursor, size) => invoicePage(cursor, size, "", true),
    pageByDate: (range, cursor, size, { full }) => invoicePage(cursor, size, `TxnDate >= ${quote(range.from)} AND TxnDate <= ${quote(range.to)}`, full),
    // By number: invoices are matched only in a backfill (their spec has no match rule otherwise).
    findByMatch: async (keys) => {
      const found = new Map<string, SideRecord>();
      for (let i = 0; i < keys.length; i += NUMBERS_PER_QUERY) {
        const chunk = keys.slice(i, i + NUMBERS_PER_QUERY).map(quote).join(",");
        for (const row of await client.queryAll<Invoice>("Invoice", `DocNumber IN (${chunk})`)) {
          const key = String(row.DocNumber ?? "").trim().toLowerCase();
          if (key && !found.has(key)) found.set(key, await expand(row));
        }
      }
      return found;
    },
    create,
    update,
    batchWrite: async (operation, inputs) => {
      const results = new Map<string, SideRecord | Error>();
      for (const input of inputs) {
        try {
          results.set(input.traceId, operation === "create" ? await create(input) : await update((await read(input.id!))!, input));
        } catch (error) {
          results.set(input.traceId, error instanceof Error ? error : new Error(String(error)));
        }
      }
      return results;
    },
    changedSince: async (since) => {
      const found = await base.changedSince(since);
      return { records: await Promise.all(found.records.map((r) => read(r.id).then((x) => x ?? r))), capped: found.capped };
    },
  };
}
