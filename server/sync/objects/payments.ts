import { hubspotInvoicePaymentIds, hubspotPaymentAdapter } from "../../providers/hubspot/payment-adapter";
import { ensureTandemProperties } from "../../providers/hubspot/tandem-properties";
import { quickbooksInvoicePaymentIds, quickbooksPaymentAdapter } from "../../providers/quickbooks/payment-adapter";
import { other } from "../engine/merge";
import { isTandemPaymentField, PAYMENT_FIELDS } from "../engine/payment-fields";
import { SyncError } from "../errors";
import { findLink, linkedIdsStartingWith } from "../links";
import { systemMapping } from "./system-mapping";
import type { ObjectEnv } from "../engine/object-env";
import type { SideRecord } from "../engine/values";
import type { Side } from "../links";
import type { ObjectSpec } from "./types";

const SIDE_NAME = { hubspot: "HubSpot", quickbooks: "QuickBooks" } as const;

const cents = (value: unknown) => Math.round(Number(value ?? 0) * 100);

/** A HubSpot payment associated with several invoices can't be copied: it doesn't say how much pays each. */
export function onSeveralInvoices(source: SideRecord): SyncError | null {
  const invoiceCount = Number(source.fields[PAYMENT_FIELDS.invoiceCount] ?? 1);
  if (invoiceCount <= 1) return null;
  return new SyncError(
    "VALIDATION_FAILED",
    `This payment is on ${invoiceCount} HubSpot invoices and doesn't say how much pays each: record one payment per invoice in HubSpot (or receive it in QuickBooks, where one payment can pay several invoices).`,
  );
}

/**
 * A payment not linked yet, on an invoice Tandem linked to one that already existed on the other
 * side (a backfill matching by number), is the unlinked payment of the same amount on that invoice
 * where there is one: both sides were kept by hand, so each recorded it, and copying each to the
 * other would pay the invoice twice on both. On an invoice Tandem made, a payment is always copied.
 */
async function paymentRecordedOnBothSides(env: ObjectEnv, side: Side, source: SideRecord): Promise<SideRecord | null> {
  const invoiceId = source.fields[PAYMENT_FIELDS.invoice];
  if (source.fields[PAYMENT_FIELDS.status] !== "paid" || !invoiceId) return null;
  const { db, orgId } = env.ctx;
  const targetSide = other(side);
  const invoice = await findLink(db, orgId, "invoices", side, String(invoiceId));
  const counterpartInvoice = invoice?.[targetSide === "hubspot" ? "hubspotId" : "quickbooksId"];
  if (!invoice || invoice.counterpartCreated || !counterpartInvoice) return null;
  const ids = await paymentsSpec.childIds!(env.ctx, targetSide, counterpartInvoice);
  // A QuickBooks payment is a record per invoice it pays.
  const recordIds = targetSide === "quickbooks" ? ids.map((id) => `${id}:${counterpartInvoice}`) : ids;
  for (const candidate of await env.adapters[targetSide].readMany(recordIds)) {
    if (!candidate.active || candidate.fields[PAYMENT_FIELDS.status] !== "paid" || cents(candidate.fields[PAYMENT_FIELDS.amount]) !== cents(source.fields[PAYMENT_FIELDS.amount])) continue;
    const paired = await findLink(db, orgId, "payments", targetSide, candidate.id);
    if (!paired?.[side === "hubspot" ? "hubspotId" : "quickbooksId"]) return candidate;
  }
  return null;
}

/**
 * Payments, one record per payment and invoice it pays: a HubSpot commerce payment associated
 * with an invoice ↔ a QuickBooks Payment's application to the linked invoice. Each side's invoice
 * balance follows from its own payments, so the balances agree when the payments do; an amount is
 * never derived from a balance. Voided, refunded, deleted or taken off the invoice, a payment reads
 * as "voided" and its counterpart is voided (QuickBooks) or refunded (HubSpot). On with a two-way
 * or HubSpot → QuickBooks invoice sync (its configuration follows the invoices').
 */
export const paymentsSpec: ObjectSpec = {
  object: "payments",
  noun: "payment",
  directions: ["two_way"],
  dependencies: ["invoices"],
  parent: "invoices",
  systemMappings: () => [
    systemMapping("payments", "amount", "Amount", PAYMENT_FIELDS.amount, PAYMENT_FIELDS.amount, "money"),
    systemMapping("payments", "status", "Status", PAYMENT_FIELDS.status, PAYMENT_FIELDS.status, "text"),
  ],
  exclusion: () => null,
  // A voided payment's zeroed amount is no edit to copy: voiding is.
  adjustValues: (values) => {
    if (values.status !== "voided") return values;
    const { amount: _amount, ...rest } = values;
    return rest;
  },
  label: (record, side, values) => `Payment of ${Number(values.amount ?? 0).toFixed(2)} in ${SIDE_NAME[side]} (${record.id})`,
  // Payments have no initial sync of their own: the invoices' prepares their property.
  prepare: (ctx) => ensureTandemProperties(ctx.hubspot, "commerce_payments"),
  adapters: (ctx, fields) => ({ hubspot: hubspotPaymentAdapter(ctx.hubspot, fields.hubspot.filter((name) => !isTandemPaymentField(name))), quickbooks: quickbooksPaymentAdapter(ctx.quickbooks, (ids) => linkedIdsStartingWith(ctx.db, ctx.orgId, "payments", "quickbooks", ids.map((id) => `${id}:`))) }),
  parentIdOf: (record) => (record.fields[PAYMENT_FIELDS.status] === "paid" && record.fields[PAYMENT_FIELDS.invoice] ? String(record.fields[PAYMENT_FIELDS.invoice]) : null),
  attach: async (env, side, source, link) => {
    if (!link && source.fields[PAYMENT_FIELDS.status] !== "paid") return { skip: "Not paid (voided, refunded or pending) before it could sync" };
    const invoiceId = source.fields[PAYMENT_FIELDS.invoice];
    const invoice = invoiceId ? await findLink(env.ctx.db, env.ctx.orgId, "invoices", side, String(invoiceId)) : undefined;
    if (invoice?.hubspotId && invoice.quickbooksId) return { parentLinkId: invoice.id };
    // Once linked, a payment keeps following its counterpart (a deleted one has no invoice to read).
    if (link) return { parentLinkId: link.parentLinkId };
    return { skip: `The invoice it pays isn't synced: it syncs when the invoice does` };
  },
  childIds: (ctx, side, invoiceId) => (side === "hubspot" ? hubspotInvoicePaymentIds(ctx.hubspot, invoiceId) : quickbooksInvoicePaymentIds(ctx.quickbooks, invoiceId)),
  findCounterpart: (env, side, source) => paymentRecordedOnBothSides(env, side, source),
  // A new payment pays the counterpart of its invoice.
  prepareWrite: async (env, targetSide, fields, source) => {
    const invoiceId = source.fields[PAYMENT_FIELDS.invoice];
    if (!invoiceId || fields[PAYMENT_FIELDS.status] === "voided") return fields;
    const severalInvoices = onSeveralInvoices(source);
    if (severalInvoices) throw severalInvoices;
    const invoice = await findLink(env.ctx.db, env.ctx.orgId, "invoices", other(targetSide), String(invoiceId));
    const target = invoice?.[targetSide === "hubspot" ? "hubspotId" : "quickbooksId"];
    if (!target) throw new SyncError("VALIDATION_FAILED", `The invoice this payment pays isn't synced to ${SIDE_NAME[targetSide]}.`);
    return { ...fields, [PAYMENT_FIELDS.invoiceRef]: target };
  },
};
