import { writeEach, type SideAdapter, type WriteInput } from "../../sync/engine/adapter";
import { canonicalLine, decodeLines, encodeLines, INVOICE_FIELDS, type CanonicalLine } from "../../sync/engine/lines";
import type { SideRecord } from "../../sync/engine/values";
import { missingParty } from "../../sync/errors";
import { undefinedIfNotFound } from "../provider-error";
import { findByCounterpartInFull, hubspotAdapter, hubspotRecord, QUICKBOOKS_ID_PROPERTY, toProperties } from "./adapter";
import type { HubSpotClient } from "./client";
import type { HubSpotAssociationInput, HubSpotObject } from "./types";
import type { LineTax } from "../../sync/tax/line-tax";

const INVOICE_PROPERTIES = ["hs_invoice_status", "hs_invoice_source", "hs_number", "hs_currency", "hs_amount_billed", "hs_balance_due", "hs_amount_paid"];
const LINE_PROPERTIES = ["name", "description", "hs_sku", "quantity", "price", "hs_product_id", "hs_tax_rate_group_id"];
/** HubSpot-defined association types (shared/reference/hubspot.md). */
const LINE_ITEM_TO_INVOICE = 410;
const INVOICE_TO_CONTACT = 177;

const NUMBERS_PER_SEARCH = 100;
const DAY_MS = 86_400_000;
/** Values per search IN filter. */
const SEARCH_IN_MAX = 100;
/** Fields an invoice write carries that are not properties to set (HubSpot computes the amounts). */
const NOT_PROPERTIES = [...Object.values(INVOICE_FIELDS), "hs_balance_due", "hs_amount_billed", "hs_amount_paid"];

/** Inputs per batch request. */
const BATCH_MAX = 100;

/** Consecutive writes in groups of at most `size`, never splitting one owner's writes (an owner with more gets a group of its own). */
function byOwner<T extends { owner: string }>(writes: T[], size: number): T[][] {
  const owners = new Map<string, T[]>();
  for (const write of writes) owners.set(write.owner, [...(owners.get(write.owner) ?? []), write]);
  const groups: T[][] = [];
  let current: T[] = [];
  for (const own of owners.values()) {
    if (current.length && current.length + own.length > size) {
      groups.push(current);
      current = [];
    }
    current.push(...own);
  }
  if (current.length) groups.push(current);
  return groups;
}

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

/** The HubSpot product a line's SKU names. */
interface LineProduct {
  id: string;
  name: string | null;
}

/** Compared as voided or not: paid and partially paid follow the balance. */
const statusOf = (invoice: HubSpotObject) => (invoice.properties.hs_invoice_status === "voided" ? "voided" : "open");

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

  /** Invoices with their contacts' emails and their line items, read for all of them at once. */
  async function expandMany(invoices: HubSpotObject[]): Promise<SideRecord[]> {
    const contactIds = [...new Set(invoices.map((invoice) => ids(invoice, "contacts")[0]).filter((id): id is string => Boolean(id)))];
    const lineIds = [...new Set(invoices.flatMap((invoice) => ids(invoice, "line items")))];
    const [contacts, items, tax] = await Promise.all([
      contactIds.length ? client.batchRead("contacts", contactIds, ["email"]) : Promise.resolve([]),
      lineIds.length ? client.batchRead("line_items", lineIds, lineProperties) : Promise.resolve([]),
      lineTax(),
    ]);
    const emails = new Map(contacts.map((c) => [c.id, c.properties.email?.toLowerCase() ?? null]));
    const itemsById = new Map(items.map((item) => [item.id, item]));
    return invoices.map((invoice) => {
      const [contactId] = ids(invoice, "contacts");
      const email = (contactId && emails.get(contactId)) || null;
      const own = [...new Set(ids(invoice, "line items"))]
        .map((id) => itemsById.get(id))
        .filter((item): item is HubSpotObject => item !== undefined)
        .sort((a, b) => Number(a.id) - Number(b.id));
      return {
        id: invoice.id,
        fields: {
          ...invoice.properties,
          [INVOICE_FIELDS.customer]: email,
          [INVOICE_FIELDS.billingEmail]: email,
          [INVOICE_FIELDS.customerRef]: contactId ?? null,
          [INVOICE_FIELDS.lines]: encodeLines(own.map((item) => lineFrom(item, options.serviceDateProperty, tax))),
          [INVOICE_FIELDS.status]: statusOf(invoice),
          [INVOICE_FIELDS.total]: invoice.properties.hs_amount_billed ?? null,
        },
        active: !invoice.archived,
        createdAt: invoice.createdAt,
        updatedAt: invoice.updatedAt,
      };
    });
  }

  const read = async (id: string) => {
    const invoice = await client.getObject("invoices", id, all, ["contacts", "line_items"]).catch(undefinedIfNotFound);
    return invoice ? ((await expandMany([invoice]))[0] ?? null) : null;
  };

  /** Batch reads carry no associations: they come from the v4 association batch reads. */
  async function readMany(list: string[]): Promise<SideRecord[]> {
    if (list.length === 0) return [];
    const [invoices, contacts, lineItems] = await Promise.all([
      client.batchRead("invoices", list, all),
      client.batchAssociations("invoices", "contacts", list),
      client.batchAssociations("invoices", "line_items", list),
    ]);
    const associated = (found: string[] | undefined) => ({ results: (found ?? []).map((id) => ({ id })) });
    return expandMany(
      invoices.map((invoice) => ({ ...invoice, associations: { contacts: associated(contacts.get(invoice.id)), "line items": associated(lineItems.get(invoice.id)) } })),
    );
  }

  /** A line without a description (descriptions not synced, or none) is named after its product. */
  function lineItemProperties(line: CanonicalLine, products: Map<string, LineProduct>, rate: string | null): Record<string, string> {
    const product = line.sku ? products.get(line.sku.toLowerCase()) : undefined;
    return {
      name: line.description ?? product?.name ?? line.sku ?? "Item",
      description: line.description ?? "",
      quantity: String(line.quantity),
      price: String(line.unitPrice),
      ...(line.sku ? { hs_sku: line.sku } : {}),
      ...(product ? { hs_product_id: product.id } : {}),
      ...(options.serviceDateProperty && line.serviceDate ? { [options.serviceDateProperty]: line.serviceDate } : {}),
      ...(rate ? { hs_tax_rate_group_id: rate } : {}),
    };
  }

  /** Each line's HubSpot tax rate; a code without a HubSpot rate throws (before anything is written). */
  const ratesOf = (lines: CanonicalLine[], tax: LineTax | null) => lines.map((line) => (tax && line.taxCode !== undefined ? tax.rateForCode(line.taxCode) : null));

  const toInvoice = (invoiceId: string): HubSpotAssociationInput[] => [
    { to: { id: invoiceId }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: LINE_ITEM_TO_INVOICE }] },
  ];

  async function replaceLines(invoiceId: string, current: string[], lines: CanonicalLine[]) {
    // Translated before anything is archived: a code without a HubSpot rate fails the write untouched.
    const rates = ratesOf(lines, await lineTax());
    for (const id of current) await client.archiveObject("line_items", id);
    if (lines.length === 0) return;
    const products = await productsBySku(lines);
    await client.batchCreateWithAssociations(
      "line_items",
      lines.map((line, index) => ({ properties: lineItemProperties(line, products, rates[index] ?? null), associations: toInvoice(invoiceId) })),
    );
  }

  async function productsBySku(lines: CanonicalLine[]): Promise<Map<string, LineProduct>> {
    const skus = [...new Set(lines.map((l) => l.sku).filter((s): s is string => Boolean(s)))];
    const found = new Map<string, LineProduct>();
    for (let i = 0; i < skus.length; i += SEARCH_IN_MAX) {
      const chunk = skus.slice(i, i + SEARCH_IN_MAX);
      const page = await client.searchAll("products", { filterGroups: [{ filters: [{ propertyName: "hs_sku", operator: "IN", values: chunk }] }], properties: ["hs_sku", "name"] });
      for (const p of page.results) found.set(p.properties.hs_sku!.toLowerCase(), { id: p.id, name: p.properties.name || null });
    }
    return found;
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
    for (const key of NOT_PROPERTIES) delete fields[key];
    if (contactId && contactId !== current?.fields[INVOICE_FIELDS.customerRef]) await client.associate("invoices", invoiceId, "contacts", String(contactId));
    if (lines !== undefined) {
      const existing = current ? ids(await client.getObject("invoices", invoiceId, ["hs_invoice_status"], ["line_items"]), "line items") : [];
      await replaceLines(invoiceId, existing, decodeLines(lines));
    }
    const answered = Object.keys(fields).length ? await base.update({ id: invoiceId, fields: {}, active: true }, { ...input, fields }) : null;
    // Properties alone leave the contact, lines and status as read: HubSpot's answer completes the
    // invoice without reading it, its line items and its contact again.
    if (current && contactId === undefined && lines === undefined && status === undefined) {
      return answered ? { ...current, fields: { ...current.fields, ...answered.fields }, updatedAt: answered.updatedAt ?? current.updatedAt } : current;
    }
    if (typeof status === "string") await moveStatus(invoiceId, current ? String(current.fields.hs_invoice_status ?? current.fields[INVOICE_FIELDS.status] ?? "draft") : "draft", status);
    return (await read(invoiceId))!;
  }

  async function create(input: WriteInput): Promise<SideRecord> {
    const contactId = input.fields[INVOICE_FIELDS.customerRef];
    if (!contactId) throw missingParty("hubspot");
    const invoice = await client.createObject(
      "invoices",
      { hs_currency: String(input.fields.hs_currency ?? "USD"), hs_invoice_billable: "false", [QUICKBOOKS_ID_PROPERTY]: input.counterpartId },
      contactId ? [{ to: { id: String(contactId) }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: INVOICE_TO_CONTACT }] }] : [],
    );
    await input.onCreated?.(invoice.id);
    const draft: SideRecord = { id: invoice.id, fields: { [INVOICE_FIELDS.customerRef]: contactId ?? null, hs_invoice_status: "draft" }, active: true };
    return write(invoice.id, { ...input, fields: { [INVOICE_FIELDS.lines]: encodeLines([]), [INVOICE_FIELDS.status]: "open", ...input.fields } }, draft);
  }

  const invoiceToContact = (contactId: string): HubSpotAssociationInput[] => [
    { to: { id: contactId }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: INVOICE_TO_CONTACT }] },
  ];

  /**
   * New invoices in batches, each step one call per 100 invoices (or line items) for all of them:
   * the drafts with their contact and Tandem's QuickBooks id (a create cut short is found again by
   * it), the line items with their invoice, the mapped properties, finalize (and void), then one
   * read of what HubSpot holds now (the invoice's payments follow as records of their own). A step refused
   * for one invoice leaves that invoice with its error; the others go on.
   */
  async function createMany(inputs: WriteInput[], onCreated?: (created: Array<{ traceId: string; id: string }>) => Promise<void>): Promise<Map<string, SideRecord | Error>> {
    const results = new Map<string, SideRecord | Error>();
    const invoiceIds = new Map<string, string>();
    const alive = () => inputs.filter((input) => invoiceIds.has(input.traceId) && !results.has(input.traceId));
    const fail = (traceId: string, error: unknown) => results.set(traceId, error instanceof Error ? error : new Error(String(error)));
    const step = async (
      label: string,
      writes: Array<{ owner: string; traceId: string; write: () => { id?: string; properties: Record<string, string>; associations?: HubSpotAssociationInput[] } }>,
      type: "invoices" | "line_items",
      operation: "create" | "update",
    ) => {
      const answered = new Map<string, HubSpotObject>();
      const send = async (group: typeof writes) => {
        try {
          const answers = await client.batchWrite(type, operation, group.map((w) => ({ traceId: w.traceId, ...w.write() })));
          for (const w of group) {
            const answer = answers.get(w.traceId);
            if (answer instanceof Error || !answer) fail(w.owner, answer ?? new Error(`HubSpot reported nothing for the ${label}`));
            else answered.set(w.traceId, answer);
          }
        } catch (error) {
          for (const w of group) fail(w.owner, error);
        }
      };
      // An invoice's writes stay in one request, in order: its line items' ids follow its line order.
      await Promise.all(
        byOwner(writes, BATCH_MAX).map(async (group) => {
          for (let i = 0; i < group.length; i += BATCH_MAX) await send(group.slice(i, i + BATCH_MAX));
        }),
      );
      return answered;
    };
    const fieldsOf = (input: WriteInput) => ({ [INVOICE_FIELDS.lines]: encodeLines([]), [INVOICE_FIELDS.status]: "open", ...input.fields });

    const tax = await lineTax();
    const linesOf = new Map(inputs.map((input) => [input.traceId, decodeLines(fieldsOf(input)[INVOICE_FIELDS.lines])]));
    const ratesFor = new Map<string, Array<string | null>>();
    const withContact = inputs.filter((input) => {
      if (!input.fields[INVOICE_FIELDS.customerRef]) {
        fail(input.traceId, missingParty("hubspot"));
        return false;
      }
      try {
        ratesFor.set(input.traceId, ratesOf(linesOf.get(input.traceId)!, tax));
        return true;
      } catch (error) {
        fail(input.traceId, error);
        return false;
      }
    });
    const drafts = await step(
      "invoice",
      withContact.map((input) => ({
        owner: input.traceId,
        traceId: input.traceId,
        write: () => ({
          properties: { hs_currency: String(input.fields.hs_currency ?? "USD"), hs_invoice_billable: "false", [QUICKBOOKS_ID_PROPERTY]: input.counterpartId },
          associations: invoiceToContact(String(input.fields[INVOICE_FIELDS.customerRef])),
        }),
      })),
      "invoices",
      "create",
    );
    for (const [traceId, invoice] of drafts) invoiceIds.set(traceId, invoice.id);
    const made = withContact.filter((input) => invoiceIds.has(input.traceId));
    if (onCreated) await onCreated(made.map((input) => ({ traceId: input.traceId, id: invoiceIds.get(input.traceId)! })));
    else await Promise.all(made.map((input) => input.onCreated?.(invoiceIds.get(input.traceId)!)));

    const products = await productsBySku([...linesOf.values()].flat());
    await step(
      "line item",
      alive().flatMap((input) =>
        linesOf.get(input.traceId)!.map((line, n) => ({
          owner: input.traceId,
          traceId: `${input.traceId}:line:${n}`,
          write: () => ({ properties: lineItemProperties(line, products, ratesFor.get(input.traceId)![n] ?? null), associations: toInvoice(invoiceIds.get(input.traceId)!) }),
        })),
      ),
      "line_items",
      "create",
    );

    const update = (label: string, properties: (input: WriteInput) => Record<string, string> | null) =>
      step(
        label,
        alive().flatMap((input) => {
          const props = properties(input);
          return props && Object.keys(props).length ? [{ owner: input.traceId, traceId: input.traceId, write: () => ({ id: invoiceIds.get(input.traceId)!, properties: props }) }] : [];
        }),
        "invoices",
        "update",
      );
    await update("invoice's properties", (input) => {
      const fields = { ...input.fields };
      for (const key of NOT_PROPERTIES) delete fields[key];
      return Object.keys(fields).length ? { ...toProperties(fields), [QUICKBOOKS_ID_PROPERTY]: input.counterpartId } : null;
    });
    // HubSpot's status steps: a draft is finalized (open) before it can be voided.
    await update("finalize", (input) => (fieldsOf(input)[INVOICE_FIELDS.status] !== "draft" ? { hs_invoice_status: "open" } : null));
    await update("void", (input) => (fieldsOf(input)[INVOICE_FIELDS.status] === "voided" ? { hs_invoice_status: "voided" } : null));
    const written = new Map((await readMany(alive().map((input) => invoiceIds.get(input.traceId)!))).map((record) => [record.id, record]));
    for (const input of alive()) {
      const record = written.get(invoiceIds.get(input.traceId)!);
      results.set(input.traceId, record ?? new Error("The invoice was gone right after it was created."));
    }
    return results;
  }

  return {
    ...base,
    read,
    readMany,
    // Search results carry no lines or contact: read in batches, the changes compare with the
    // snapshots whole, and Tandem's own writes drop out without a sync run each.
    changedSince: async (since) => {
      const found = await base.changedSince(since);
      const expanded = new Map((await readMany(found.records.map((r) => r.id))).map((r) => [r.id, r]));
      return { ...found, records: found.records.map((r) => expanded.get(r.id) ?? r) };
    },
    page: async (cursor, size) => {
      const page = await client.listPage("invoices", all, cursor, size, ["contacts", "line_items"]);
      return { records: await expandMany(page.results), next: page.after };
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
      // Without lines and contact, a record still says whether it is voided (a voided invoice never synced is left out).
      const partial = (invoice: HubSpotObject) => {
        const record = hubspotRecord(invoice);
        record.fields[INVOICE_FIELDS.status] = statusOf(invoice);
        return record;
      };
      const records = full ? await readMany(page.results.map((r) => r.id)) : page.results.map(partial);
      return { records, next: page.results.length < size ? null : page.results.at(-1)!.id };
    },
    // By number: invoices are matched only in a backfill (their spec has no match rule otherwise).
    findByMatch: async (keys) => {
      const found = new Map<string, SideRecord>();
      for (let i = 0; i < keys.length; i += NUMBERS_PER_SEARCH) {
        const chunk = keys.slice(i, i + NUMBERS_PER_SEARCH);
        const matches = await client.searchAll("invoices", { filterGroups: [{ filters: [{ propertyName: "hs_number", operator: "IN", values: chunk }] }], properties: ["hs_number"] });
        const firsts = matches.results.filter((m, n, all) => {
          const key = m.properties.hs_number?.trim().toLowerCase();
          return key && all.findIndex((other) => other.properties.hs_number?.trim().toLowerCase() === key) === n;
        });
        for (const invoice of await readMany(firsts.map((m) => m.id))) {
          const key = String(invoice.fields.hs_number ?? "").trim().toLowerCase();
          if (key && !found.has(key)) found.set(key, invoice);
        }
      }
      return found;
    },
    findByCounterpart: (counterpartIds) => findByCounterpartInFull(base, readMany, counterpartIds),
    create,
    update: (current, input) => write(current.id, input, current),
    batchWrite: async (operation, inputs, onCreated) => {
      if (operation === "create") return createMany(inputs, onCreated);
      // Properties alone (no customer, lines or status) go in batches of 100; the others
      // need the invoice as it is now and go one at a time.
      const plain = inputs.filter((input) => !Object.keys(input.fields).some((key) => NOT_PROPERTIES.includes(key)));
      const results = plain.length ? await base.batchWrite("update", plain) : new Map<string, SideRecord | Error>();
      return writeEach(
        inputs.filter((i) => !plain.includes(i)),
        async (input) => write(input.id!, input, await read(input.id!)),
        results,
      );
    },
  };
}
