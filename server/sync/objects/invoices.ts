import { z } from "zod";
import { hubspotInvoiceAdapter } from "../../providers/hubspot/invoice-adapter";
import { ensureTandemProperties } from "../../providers/hubspot/tandem-properties";
import { quickbooksInvoiceAdapter } from "../../providers/quickbooks/invoice-adapter";
import { hubspotInvoiceTotal } from "../../providers/hubspot/tax-rates";
import { invoiceTaxLoader } from "./invoice-tax";
import { INVOICE_FIELDS } from "../engine/lines";
import type { SyncConfig } from "../config";
import type { FieldMapping } from "../mappings/types";
import { resolveCustomerRef, resolveCustomerRefs } from "./invoice-customers";
import type { ObjectSpec } from "./types";

function systemMapping(key: string, label: string, hubspotProperty: string, quickbooksPath: string, kind: FieldMapping["kind"]): FieldMapping {
  const now = new Date(0);
  return {
    id: `system:${key}`,
    orgId: "",
    object: "invoices",
    collection: "",
    key,
    label,
    hubspotProperty,
    quickbooksPath,
    kind,
    valueMap: null,
    direction: "both",
    conflictWinner: null,
    enabled: true,
    isDefault: true,
    createdAt: now,
    updatedAt: now,
  };
}

export const invoiceSettingsSchema = z.object({
  /** The income account of the "Custom line item" item that unmatched lines go to. */
  customLineItemAccountId: z.string().optional(),
  /** The HubSpot line-item date property mapped to QuickBooks' ServiceDate (revenue recognition). */
  serviceDateProperty: z.string().optional(),
  /** A line without a service date takes the invoice's date, its due date, or none (→ SERVICE_DATE_REQUIRED). */
  serviceDateFallback: z.enum(["invoice_date", "due_date", "none"]).default("none"),
});

export const invoiceSettings = (config: SyncConfig) => invoiceSettingsSchema.parse(config.settings);

/** Payments are on with a two-way or HubSpot → QuickBooks invoice sync, off with QuickBooks → HubSpot only. */
export const paymentsSync = (config: SyncConfig) => config.direction !== "to_hubspot";

/**
 * Invoices both ways. Besides the user's mappings, an invoice always carries its customer (by
 * email), its lines (by SKU), whether it is voided, and its balance (a payment on one side lowers
 * the other's through a payment there).
 */
export const invoicesSpec: ObjectSpec = {
  object: "invoices",
  noun: "invoice",
  directions: ["two_way", "to_quickbooks", "to_hubspot"],
  dependencies: ["contacts", "products"],
  systemMappings: (config) => [
    systemMapping("customer", "Customer", INVOICE_FIELDS.customer, INVOICE_FIELDS.customer, "email"),
    systemMapping("lines", "Line items", INVOICE_FIELDS.lines, INVOICE_FIELDS.lines, "text"),
    systemMapping("status", "Status", INVOICE_FIELDS.status, INVOICE_FIELDS.status, "text"),
    // Payments sync with two-way and outbound invoice syncs; an inbound-only sync leaves them out.
    ...(paymentsSync(config) ? [systemMapping("balance", "Balance due", "hs_balance_due", "Balance", "money")] : []),
  ],
  exclusion: (record, side) => (record.active ? null : side === "hubspot" ? "Deleted in HubSpot" : "Deleted in QuickBooks"),
  fixedFilters: (config) => ({
    to_quickbooks: [
      {
        match: "all",
        conditions: [{ field: "hs_invoice_source", operator: "neq", value: "quickbooks" }],
        reason: "Only invoices created in HubSpot go to QuickBooks",
      },
      { match: "all", conditions: [{ field: "hs_invoice_status", operator: "neq", value: "draft" }], reason: "Drafts never sync: only finalized invoices go to QuickBooks" },
      {
        match: "all",
        conditions: [{ field: "updatedAt", operator: "gte", value: (config.startedAt ?? new Date()).toISOString() }],
        reason: "Created and last changed before the sync started",
      },
    ],
    to_hubspot: [],
  }),
  // A voided invoice's zeroed lines and balance are not edits to copy.
  adjustValues: (values) => {
    if (values.status !== "voided") return values;
    const { lines: _lines, balance: _balance, ...rest } = values;
    return rest;
  },
  ownedBy: (origin) => (origin === "hubspot" ? { side: "hubspot", keys: ["lines"] } : null),
  label: (record, side) => `Invoice ${String((side === "hubspot" ? record.fields.hs_number : record.fields.DocNumber) ?? record.id)}`,
  // The contacts an invoice brings along are created with Tandem's property too.
  prepare: async (ctx) => {
    await ensureTandemProperties(ctx.hubspot, "invoices");
    await ensureTandemProperties(ctx.hubspot, "contacts");
  },
  adapters: (ctx, fields, config) => {
    const tax = invoiceTaxLoader(ctx);
    return {
      hubspot: hubspotInvoiceAdapter(ctx.hubspot, fields.hubspot, { serviceDateProperty: invoiceSettings(config).serviceDateProperty, tax }),
      quickbooks: quickbooksInvoiceAdapter(ctx.quickbooks, {
        customLineItemAccountId: invoiceSettings(config).customLineItemAccountId,
        compareServiceDates: Boolean(invoiceSettings(config).serviceDateProperty),
        serviceDateFallback: invoiceSettings(config).serviceDateFallback,
        tax,
        hubspotTotal: (id) => hubspotInvoiceTotal(ctx.hubspot, id),
      }),
    };
  },
  prepareWrite: resolveCustomerRef,
  prepareWriteMany: resolveCustomerRefs,
};
