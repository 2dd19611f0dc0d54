import { writeEach, type SideAdapter, type WriteInput } from "../../sync/engine/adapter";
import { PAYMENT_FIELDS, userMappedFields } from "../../sync/engine/payment-fields";
import type { SideRecord } from "../../sync/engine/values";
import { SyncError } from "../../sync/errors";
import { undefinedIfNotFound } from "../provider-error";
import { findByCounterpartInFull, hubspotAdapter, QUICKBOOKS_ID_PROPERTY, toProperties } from "./adapter";
import type { HubSpotClient } from "./client";
import type { HubSpotObject } from "./types";

const PAYMENT_PROPERTIES = ["hs_initial_amount", "hs_latest_status", "hs_currency_code", "hs_initiated_date", "hs_processor_type", QUICKBOOKS_ID_PROPERTY];
/** HubSpot-defined association type (shared/reference/hubspot.md). */
const PAYMENT_TO_INVOICE = 542;

/** A payment that no longer exists pays nothing: it reads as voided, so its counterpart is voided too. */
const gone = (id: string): SideRecord => ({ id, fields: { [PAYMENT_FIELDS.status]: "voided", [PAYMENT_FIELDS.amount]: null, [PAYMENT_FIELDS.invoice]: null }, active: true });

function paymentRecord(payment: HubSpotObject): SideRecord {
  const p = payment.properties;
  const invoices = payment.associations?.invoices?.results ?? [];
  const invoiceId = invoices[0]?.id ?? null;
  // Only a succeeded payment lowers the invoice's balance (processing, failed and refunded ones don't).
  const paid = !payment.archived && p.hs_latest_status === "succeeded" && invoiceId !== null;
  return {
    id: payment.id,
    fields: {
      ...p,
      [PAYMENT_FIELDS.amount]: p.hs_initial_amount ?? null,
      [PAYMENT_FIELDS.status]: paid ? "paid" : "voided",
      [PAYMENT_FIELDS.invoice]: invoiceId === null ? null : String(invoiceId),
      [PAYMENT_FIELDS.invoiceCount]: invoices.length,
    },
    active: true,
    createdAt: payment.createdAt,
    updatedAt: payment.updatedAt,
  };
}

/**
 * HubSpot commerce payments, each paying one invoice (its payment → invoice association). HubSpot
 * has no "record payment" API: a payment made in QuickBooks becomes a succeeded commerce payment
 * associated with the invoice, which lowers its balance; voiding it there refunds this one.
 */
export function hubspotPaymentAdapter(client: HubSpotClient, mappedProperties: string[] = []): SideAdapter {
  const properties = [...new Set([...PAYMENT_PROPERTIES, ...mappedProperties])];
  const base = hubspotAdapter(client, { type: "commerce_payments", properties });

  const read = async (id: string): Promise<SideRecord> => {
    const payment = await client.getObject("commerce_payments", id, properties, ["invoices"]).catch(undefinedIfNotFound);
    return payment ? paymentRecord(payment) : gone(id);
  };
  /** Batch reads carry no associations: the invoices come from the v4 association batch read (two calls per 100). */
  async function readMany(ids: string[]): Promise<SideRecord[]> {
    if (ids.length === 0) return [];
    const [payments, invoices] = await Promise.all([client.batchRead("commerce_payments", ids, properties), client.batchAssociations("commerce_payments", "invoices", ids)]);
    const found = new Map(payments.map((p) => [p.id, p]));
    return ids.map((id) => {
      const payment = found.get(id);
      return payment ? paymentRecord({ ...payment, associations: { invoices: { results: (invoices.get(id) ?? []).map((invoiceId) => ({ id: invoiceId })) } } }) : gone(id);
    });
  }

  async function create(input: WriteInput): Promise<SideRecord> {
    const invoiceId = String(input.fields[PAYMENT_FIELDS.invoiceRef] ?? "");
    const invoice = await client.getObject("invoices", invoiceId, ["hs_currency", "hs_invoice_status"]);
    if (invoice.properties.hs_invoice_status === "voided") throw new SyncError("VALIDATION_FAILED", "The HubSpot invoice this payment pays is voided: it takes no payments.");
    const payment = await client.createObject(
      "commerce_payments",
      {
        hs_initial_amount: String(input.fields[PAYMENT_FIELDS.amount]),
        hs_initiated_date: new Date().toISOString(),
        hs_latest_status: input.fields[PAYMENT_FIELDS.status] === "voided" ? "refunded" : "succeeded",
        hs_payment_method_type: "other",
        hs_processor_type: "quickbooks",
        hs_currency_code: invoice.properties.hs_currency ?? "USD",
        hs_reference_number: `QuickBooks payment ${input.counterpartId.split(":")[0]}`,
        [QUICKBOOKS_ID_PROPERTY]: input.counterpartId,
        // The user's own mappings win over the defaults above (a reference number of their own).
        ...toProperties(userMappedFields(input.fields)),
      },
      [{ to: { id: invoiceId }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: PAYMENT_TO_INVOICE }] }],
    );
    await input.onCreated?.(payment.id);
    return paymentRecord({ ...payment, associations: { invoices: { results: [{ id: invoiceId }] } } });
  }

  async function update(current: SideRecord, input: WriteInput): Promise<SideRecord> {
    const status = input.fields[PAYMENT_FIELDS.status];
    const amount = input.fields[PAYMENT_FIELDS.amount];
    const changes = toProperties(userMappedFields(input.fields));
    if (typeof amount === "number") changes.hs_initial_amount = String(amount);
    if (status === "voided") changes.hs_latest_status = "refunded";
    else if (status === "paid") changes.hs_latest_status = "succeeded";
    // A payment deleted in HubSpot stays deleted: voiding it is done.
    if (Object.keys(changes).length && current.fields.hs_latest_status !== undefined) await client.updateObject("commerce_payments", current.id, changes);
    return read(current.id);
  }

  return {
    ...base,
    read: async (id) => read(id),
    readMany,
    page: async (cursor, size) => {
      const page = await client.listPage("commerce_payments", properties, cursor, size, ["invoices"]);
      return { records: page.results.map(paymentRecord), next: page.after };
    },
    findByMatch: async () => new Map(),
    findByCounterpart: (counterpartIds) => findByCounterpartInFull(base, readMany, counterpartIds),
    create,
    update,
    batchWrite: (operation, inputs) => writeEach(inputs, async (input) => (operation === "create" ? create(input) : update(await read(input.id!), input))),
    // Search results carry no associations: read again with the invoice each pays.
    changedSince: async (since) => {
      const found = await base.changedSince(since);
      return { ...found, records: await readMany(found.records.map((r) => r.id)) };
    },
  };
}

/** The commerce payments associated with the invoice. */
export async function hubspotInvoicePaymentIds(client: HubSpotClient, invoiceId: string): Promise<string[]> {
  const invoice = await client.getObject("invoices", invoiceId, ["hs_invoice_status"], ["commerce_payments"]).catch(undefinedIfNotFound);
  return (invoice?.associations?.["commerce payments"]?.results ?? []).map((r) => String(r.id));
}
