import type { SideAdapter, WriteInput } from "../../sync/engine/adapter";
import { canonicalLine, decodeLines, encodeLines, INVOICE_FIELDS, type CanonicalLine } from "../../sync/engine/lines";
import type { SideRecord } from "../../sync/engine/values";
import { SyncError } from "../../sync/errors";
import { undefinedIfNotFound } from "../provider-error";
import { hubspotAdapter, hubspotRecord, QUICKBOOKS_ID_PROPERTY } from "./adapter";
import type { HubSpotClient } from "./client";
import type { HubSpotObject } from "./types";
import type { LineTax } from "../../sync/tax/line-tax";

const INVOICE_PROPERTIES = ["hs_invoice_status", "hs_invoice_source", "hs_number", "hs_currency", "hs_amount_billed", "hs_balance_due", "hs_amount_paid"];
const LINE_PROPERTIES = ["name", "description", "hs_sku", "quantity", "price", "hs_product_id", "hs_tax_rate_group_id"];
/** HubSpot-defined association types (shared/reference/hubspot.md). */
const LINE_ITEM_TO_INVOICE = 410;
const INVOICE_TO_CONTACT = 177;
const PAYMENT_TO_INVOICE = 542;

const NUMBERS_PER_SEARCH = 100;
const DAY_MS = 86_400_000;

const ids = (object: HubSpotObject, label: string) => (object.associations?.[label]?.results ?? []).map((r) => String(r.id));

function lineFrom(item: HubSpotObject, serviceDateProperty: string | undefined, tax: LineTax | null): CanonicalLine {
  const p = item.properties;
  return canonicalLine({
    sku: p.hs_sku,
    description: p.description || p.name,
    quantity: p.quantity,
    unitPrice: p.price,
    ...(serviceDateProperty ? { serviceDate: p[serviceDateProperty] ?? null } : {}),
    ...(tax ? { taxCode: tax.codeForRate(p.hs_tax_rate_group_id || null) } : {}),
  });
}

export interface HubSpotInvoiceOptions {
  /** The line-item date property that carries QuickBooks' service date, if the setup chose one. */
  serviceDateProperty?: string;
  /** The tax translation when the QuickBooks company requires tax (null: lines carry no tax). */
  tax?: () => Promise<LineTax | null>;
}

/**
 * HubSpot invoices with their contact and line items. Besides the mapped properties, a record
 * carries the customer's email, its lines and its status as `__` fields; a write of `__lines`
 * replaces the invoice's line items, `__customer_ref` associates the contact.
 */
export function hubspotInvoiceAdapter(client: HubSpotClient, properties: string[], options: HubSpotInvoiceOptions = {}): SideAdapter {
  const lineProperties = [...LINE_PROPERTIES, ...(options.serviceDateProperty ? [options.serviceDateProperty] : [])];
  const all = [...new Set([...properties, ...INVOICE_PROPERTIES, QUICKBOOKS_ID_PROPERTY])];
  const base = hubspotAdapter(client, { type: "invoices", properties: all });

  const lineTax = () => options.tax?.() ?? Promise.resolve(null);

  async function expand(invoice: HubSpotObject): Promise<SideRecord> {
    const [contactId] = ids(invoice, "contacts");
    const lineIds = ids(invoice, "line items");
    const [contacts, items, tax] = await Promise.all([
      contactId ? client.batchRead("contacts", [contactId], ["email"]) : Promise.resolve([]),
      lineIds.length ? client.batchRead("line_items", lineIds, lineProperties) : Promise.resolve([]),
      lineTax(),
    ]);
    const order = new Map(lineIds.map((id, index) => [id, index]));
    items.sort((a, b) => Number(a.id) - Number(b.id) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return {
      id: invoice.id,
      fields: {
        ...invoice.properties,
        [INVOICE_FIELDS.customer]: contacts[0]?.properties.email?.toLowerCase() ?? null,
        [INVOICE_FIELDS.customerRef]: contactId ?? null,
        [INVOICE_FIELDS.lines]: encodeLines(items.map((item) => lineFrom(item, options.serviceDateProperty, tax))),
        // Compared as voided or not: paid and partially paid follow the balance.
        [INVOICE_FIELDS.status]: invoice.properties.hs_invoice_status === "voided" ? "voided" : "open",
      },
      active: !invoice.archived,
      createdAt: invoice.createdAt,
      updatedAt: invoice.updatedAt,
    };
  }

  const read = async (id: string) => {
    const invoice = await client.getObject("invoices", id, all, ["contacts", "line_items"]).catch(undefinedIfNotFound);
    return invoice ? expand(invoice) : null;
  };

  async function replaceLines(invoiceId: string, current: string[], lines: CanonicalLine[]) {
    // Translated before anything is archived: a code without a HubSpot rate fails the write untouched.
    const tax = await lineTax();
    const rates = lines.map((line) => (tax && line.taxCode !== undefined ? tax.rateForCode(line.taxCode) : null));
    for (const id of current) await client.archiveObject("line_items", id);
    if (lines.length === 0) return;
    const products = await productIdsBySku(lines);
    await client.batchCreateWithAssociations(
      "line_items",
      lines.map((line, index) => ({
        properties: {
          name: line.description ?? line.sku ?? "Item",
          description: line.description ?? "",
          quantity: String(line.quantity),
          price: String(line.unitPrice),
          ...(line.sku ? { hs_sku: line.sku } : {}),
          ...(line.sku && products.get(line.sku) ? { hs_product_id: products.get(line.sku)! } : {}),
          ...(options.serviceDateProperty && line.serviceDate ? { [options.serviceDateProperty]: line.serviceDate } : {}),
          ...(rates[index] ? { hs_tax_rate_group_id: rates[index] } : {}),
        },
        associations: [{ to: { id: invoiceId }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: LINE_ITEM_TO_INVOICE }] }],
      })),
    );
  }

  async function productIdsBySku(lines: CanonicalLine[]): Promise<Map<string, string>> {
    const skus = [...new Set(lines.map((l) => l.sku).filter((s): s is string => Boolean(s)))];
    if (skus.length === 0) return new Map();
    const found = await client.searchAll("products", { filterGroups: [{ filters: [{ propertyName: "hs_sku", operator: "IN", values: skus }] }], properties: ["hs_sku"] });
    return new Map(found.results.map((p) => [p.properties.hs_sku!.toLowerCase(), p.id]));
  }

  /** HubSpot's status steps: a draft is finalized (open) before it can be voided; paid follows payments. */
  async function moveStatus(invoiceId: string, from: string | null, to: string) {
    if (from === "draft" && to !== "draft") await client.updateObject("invoices", invoiceId, { hs_invoice_status: "open" });
    if (to === "voided" && from !== "voided") await client.updateObject("invoices", invoiceId, { hs_invoice_status: "voided" });
  }

  async function write(invoiceId: string, input: WriteInput, current: SideRecord | null): Promise<SideRecord> {
    const fields = { ...input.fields };
    const contactId = fields[INVOICE_FIELDS.customerRef];
    const lines = fields[INVOICE_FIELDS.lines];
    const status = fields[INVOICE_FIELDS.status];
    const balance = fields.hs_balance_due;
    for (const key of [...Object.values(INVOICE_FIELDS), "hs_balance_due", "hs_amount_billed", "hs_amount_paid"]) delete fields[key];
    if (contactId && contactId !== current?.fields[INVOICE_FIELDS.customerRef]) await client.associate("invoices", invoiceId, "contacts", String(contactId));
    if (lines !== undefined) {
      const existing = current ? ids(await client.getObject("invoices", invoiceId, ["hs_invoice_status"], ["line_items"]), "line items") : [];
      await replaceLines(invoiceId, existing, decodeLines(lines));
    }
    if (Object.keys(fields).length) await base.update({ id: invoiceId, fields: {}, active: true }, { ...input, fields });
    if (typeof status === "string") await moveStatus(invoiceId, current ? String(current.fields.hs_invoice_status ?? current.fields[INVOICE_FIELDS.status] ?? "draft") : "draft", status);
    if (typeof balance === "number") await settleBalance(invoiceId, balance, input);
    return (await read(invoiceId))!;
  }

  /**
   * HubSpot has no "record payment" API: a balance that went down in QuickBooks becomes a succeeded
   * commerce payment associated with the invoice (which lowers its balance and marks it paid); a
   * balance that went up (a payment deleted or voided there) refunds the payments Tandem made.
   */
  async function settleBalance(invoiceId: string, balance: number, input: WriteInput) {
    const invoice = await client.getObject("invoices", invoiceId, ["hs_balance_due", "hs_currency", "hs_invoice_status"], ["commerce_payments"]);
    const now = invoice.properties;
    if (now.hs_invoice_status === "voided") return;
    const amount = Math.round((Number(now.hs_balance_due ?? 0) - balance) * 100) / 100;
    if (amount > 0) {
      await client.createObject(
        "commerce_payments",
        {
          hs_initial_amount: String(amount),
          hs_initiated_date: new Date().toISOString(),
          hs_latest_status: "succeeded",
          hs_payment_method_type: "other",
          hs_processor_type: "quickbooks",
          hs_currency_code: now.hs_currency ?? "USD",
          hs_reference_number: `QuickBooks invoice ${input.counterpartId}`,
        },
        [{ to: { id: invoiceId }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: PAYMENT_TO_INVOICE }] }],
      );
      return;
    }
    let toRefund = -amount;
    const paymentIds = ids(invoice, "commerce payments");
    const payments = paymentIds.length ? await client.batchRead("commerce_payments", paymentIds, ["hs_initial_amount", "hs_latest_status", "hs_processor_type"]) : [];
    const ours = payments
      .filter((p) => p.properties.hs_processor_type === "quickbooks" && p.properties.hs_latest_status === "succeeded")
      .sort((a, b) => Number(b.id) - Number(a.id));
    for (const payment of ours) {
      if (toRefund <= 0) break;
      await client.updateObject("commerce_payments", payment.id, { hs_latest_status: "refunded" });
      toRefund -= Number(payment.properties.hs_initial_amount ?? 0);
    }
  }

  async function create(input: WriteInput): Promise<SideRecord> {
    const contactId = input.fields[INVOICE_FIELDS.customerRef];
    if (!contactId) throw new SyncError("MISSING_CUSTOMER", "The QuickBooks customer has no email address, so it matches no HubSpot contact.");
    const invoice = await client.createObject(
      "invoices",
      { hs_currency: String(input.fields.hs_currency ?? "USD"), hs_invoice_billable: "false", [QUICKBOOKS_ID_PROPERTY]: input.counterpartId },
      contactId ? [{ to: { id: String(contactId) }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: INVOICE_TO_CONTACT }] }] : [],
    );
    await input.onCreated?.(invoice.id);
    const draft: SideRecord = { id: invoice.id, fields: { [INVOICE_FIELDS.customerRef]: contactId ?? null, hs_invoice_status: "draft" }, active: true };
    return write(invoice.id, { ...input, fields: { [INVOICE_FIELDS.lines]: encodeLines([]), [INVOICE_FIELDS.status]: "open", ...input.fields } }, draft);
  }

  return {
    ...base,
    read,
    readMany: async (list) => (await Promise.all(list.map(read))).filter((r): r is SideRecord => r !== null),
    page: async (cursor, size) => {
      const page = await base.page(cursor, size);
      return { records: (await Promise.all(page.records.map((r) => read(r.id)))).filter((r): r is SideRecord => r !== null), next: page.next };
    },
    pageByDate: async (range, cursor, size, { full }) => {
      const page = await client.search("invoices", {
        filterGroups: [
          {
            filters: [
              { propertyName: "hs_invoice_date", operator: "BETWEEN", value: String(Date.parse(range.from)), highValue: String(Date.parse(range.to) + DAY_MS - 1) },
              ...(cursor ? [{ propertyName: "hs_object_id", operator: "GT" as const, value: cursor }] : []),
            ],
          },
        ],
        // By id, past the last one read: HubSpot's 10,000-result paging cap never cuts a long range short.
        sorts: [{ propertyName: "hs_object_id", direction: "ASCENDING" }],
        properties: all,
        limit: size,
      });
      const records = full ? (await Promise.all(page.results.map((r) => read(r.id)))).filter((r): r is SideRecord => r !== null) : page.results.map(hubspotRecord);
      return { records, next: page.results.length < size ? null : page.results.at(-1)!.id };
    },
    // By number: invoices are matched only in a backfill (their spec has no match rule otherwise).
    findByMatch: async (keys) => {
      const found = new Map<string, SideRecord>();
      for (let i = 0; i < keys.length; i += NUMBERS_PER_SEARCH) {
        const chunk = keys.slice(i, i + NUMBERS_PER_SEARCH);
        const matches = await client.searchAll("invoices", { filterGroups: [{ filters: [{ propertyName: "hs_number", operator: "IN", values: chunk }] }], properties: ["hs_number"] });
        for (const match of matches.results) {
          const key = match.properties.hs_number?.trim().toLowerCase();
          if (!key || found.has(key)) continue;
          const invoice = await read(match.id);
          if (invoice) found.set(key, invoice);
        }
      }
      return found;
    },
    findByCounterpart: async (counterpartIds) => {
      const found = await base.findByCounterpart(counterpartIds);
      for (const [key, record] of found) found.set(key, (await read(record.id)) ?? record);
      return found;
    },
    create,
    update: (current, input) => write(current.id, input, current),
    batchWrite: async (operation, inputs) => {
      const results = new Map<string, SideRecord | Error>();
      for (const input of inputs) {
        try {
          results.set(input.traceId, operation === "create" ? await create(input) : await write(input.id!, input, await read(input.id!)));
        } catch (error) {
          results.set(input.traceId, error instanceof Error ? error : new Error(String(error)));
        }
      }
      return results;
    },
  };
}
