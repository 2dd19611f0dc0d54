import { z } from "zod";
import { hubspotInvoiceAdapter } from "../../providers/hubspot/invoice-adapter";
import { ensureTandemProperties, ensureTandemPropertiesOnce } from "../../providers/hubspot/tandem-properties";
import { quickbooksInvoiceAdapter } from "../../providers/quickbooks/invoice-adapter";
import { hubspotInvoiceTotal } from "../../providers/hubspot/tax-rates";
import { invoiceTaxLoader } from "./invoice-tax";
import { INVOICE_FIELDS, linesRule } from "../engine/lines";
import type { SyncConfig } from "../config";
import { systemMapping } from "./system-mapping";
import { resolveCustomerRef, resolveCustomerRefs } from "./invoice-customers";
import { linesOf, syncLineProducts, waitingLine } from "./invoice-products";
import { predictInvoiceFailures } from "./invoice-predictions";
import { nameIgnoringCase, type ValueRule } from "../engine/values";
import type { ObjectSpec } from "./types";

export const invoiceSettingsSchema = z.object({
  /** The income account of the "Custom line item" item that unmatched lines go to. */
  customLineItemAccountId: z.string().optional(),
  /** The HubSpot line-item date property mapped to QuickBooks' ServiceDate (revenue recognition). */
  serviceDateProperty: z.string().optional(),
  /** A line without a service date takes the invoice's date, its due date, or none (→ SERVICE_DATE_REQUIRED). */
  serviceDateFallback: z.enum(["invoice_date", "due_date", "none"]).default("none"),
});

export type InvoiceSettings = z.infer<typeof invoiceSettingsSchema>;

export const invoiceSettings = (config: SyncConfig): InvoiceSettings => invoiceSettingsSchema.parse(config.settings);

/**
 * Invoices both ways. Besides the user's mappings, an invoice always carries its customer (by
 * email), its lines (by SKU) and whether it is voided. Its balance is no field: each side's follows
 * from its payments, which sync as records of their own (the payments spec).
 */
export const invoicesSpec: ObjectSpec = {
  object: "invoices",
  noun: "invoice",
  directions: ["two_way", "to_quickbooks", "to_hubspot"],
  dependencies: ["contacts", "products"],
  systemMappings: () => [
    systemMapping("invoices", "customer", "Customer", INVOICE_FIELDS.customer, INVOICE_FIELDS.customer, "email"),
    systemMapping("invoices", "lines", "Line items", INVOICE_FIELDS.lines, INVOICE_FIELDS.lines, "text"),
    systemMapping("invoices", "status", "Status", INVOICE_FIELDS.status, INVOICE_FIELDS.status, "text"),
    systemMapping("invoices", "total", "Total", INVOICE_FIELDS.total, INVOICE_FIELDS.total, "money"),
  ],
  valueRules: (lineMappings): Record<string, ValueRule> => {
    const syncs = (key: string) => lineMappings.find((m) => m.collection === "lines" && m.key === key)?.enabled ?? true;
    const rule = linesRule({ description: syncs("lineDescription"), quantity: syncs("lineQuantity") });
    return { terms: nameIgnoringCase, ...(rule ? { lines: rule } : {}) };
  },
  // Each side computes its total from the lines (and, in QuickBooks, discount lines): compared for ownership, never written.
  derived: ["total"],
  exclusion: (record, side, _number, linked) => {
    if (!record.active) return side === "hubspot" ? "Deleted in HubSpot" : "Deleted in QuickBooks";
    // A voided invoice has nothing left to bill: one voided before it ever synced is not copied
    // (its counterpart would be born voided, or be an empty draft); one already synced is voided on the other side.
    if (!linked && record.fields[INVOICE_FIELDS.status] === "voided") {
      return side === "hubspot" ? "Voided in HubSpot before it was synced: nothing to copy to QuickBooks" : "Voided in QuickBooks before it was synced: nothing to copy to HubSpot";
    }
    return null;
  },
  fixedFilters: (config) => ({
    to_quickbooks: [
      {
        key: "source_hubspot",
        label: "Source is HubSpot",
        match: "all",
        conditions: [{ field: "hs_invoice_source", operator: "neq", value: "quickbooks" }],
        reason: "Only invoices created in HubSpot go to QuickBooks",
      },
      {
        key: "finalized",
        label: "Finalized, never drafts",
        match: "all",
        conditions: [{ field: "hs_invoice_status", operator: "neq", value: "draft" }],
        reason: "Drafts never sync: only finalized invoices go to QuickBooks",
      },
      {
        key: "changed_after_start",
        label: "Created or changed after the sync started",
        match: "all",
        // Before the first start the rule is "from now on"; the row is rewritten when the sync starts.
        conditions: [{ field: "updatedAt", operator: "gte", value: (config.startedAt ?? new Date()).toISOString() }],
        reason: "Created and last changed before the sync started",
      },
    ],
    to_hubspot: [],
  }),
  // A voided invoice's zeroed lines and total are not an edit to copy.
  adjustValues: (values) => {
    if (values.status !== "voided") return values;
    const { lines: _lines, total: _total, ...rest } = values;
    return rest;
  },
  ownedBy: (origin) => (origin === "hubspot" ? { side: "hubspot", keys: ["lines", "total"] } : null),
  label: (record, side) => `Invoice ${String((side === "hubspot" ? record.fields.hs_number : record.fields.DocNumber) ?? record.id)}`,
  // The contacts and payments an invoice brings along are created with Tandem's property too.
  prepare: async (ctx) => {
    await ensureTandemProperties(ctx.hubspot, "invoices");
    await ensureTandemProperties(ctx.hubspot, "contacts");
    await ensureTandemProperties(ctx.hubspot, "commerce_payments");
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
  // Lines' products first (synced to the side written to when they aren't there yet), then the customer.
  prepareWrite: async (env, targetSide, fields, source) => {
    if (targetSide === "hubspot") await ensureTandemPropertiesOnce(env.ctx.hubspot, "invoices");
    const waiting = waitingLine(linesOf(fields), await syncLineProducts(env, targetSide, [linesOf(fields)]));
    if (waiting) throw waiting;
    return resolveCustomerRef(env, targetSide, fields, source);
  },
  prepareWriteMany: async (env, targetSide, writes) => {
    if (targetSide === "hubspot") await ensureTandemPropertiesOnce(env.ctx.hubspot, "invoices");
    const refused = await syncLineProducts(env, targetSide, writes.map((w) => linesOf(w.fields)));
    const ready = writes.filter((w) => !waitingLine(linesOf(w.fields), refused));
    const resolved = await resolveCustomerRefs(env, targetSide, ready);
    return writes.map((w) => waitingLine(linesOf(w.fields), refused) ?? resolved[ready.indexOf(w)]!);
  },
  predictFailures: (env, side, creates, memory) => predictInvoiceFailures(env, side, creates, memory, invoiceSettings(env.config)),
};
