import { invoiceWriteRules, type InvoiceWriteRules } from "../../providers/quickbooks/preferences";
import { decodeLines, fallbackServiceDate, INVOICE_FIELDS } from "../engine/lines";
import { other } from "../engine/merge";
import type { ObjectEnv } from "../engine/object-env";
import { toFields } from "../engine/project";
import type { Values } from "../engine/values";
import { SyncError } from "../errors";
import type { Side } from "../links";
import type { LineTax } from "../tax/line-tax";
import { predictCustomerFailures } from "./invoice-customers";
import { invoiceTaxLoader } from "./invoice-tax";
import type { InvoiceSettings } from "./invoices";
import type { PlannedCreate, PreviewMemory } from "./types";

/**
 * Why QuickBooks (or Tandem before sending) would refuse this new invoice, in the order the write
 * meets them: a line without a tax code where the company needs one, a date in closed books, a
 * line without a service date under revenue recognition. Null when none applies.
 */
export function quickbooksRefusal(fields: Values, tax: LineTax | null, rules: InvoiceWriteRules, fallback: InvoiceSettings["serviceDateFallback"], today: string): SyncError | null {
  const lines = decodeLines(fields[INVOICE_FIELDS.lines]);
  try {
    for (const line of lines) tax?.codeForWrite(line.taxCode, line.description);
  } catch (error) {
    if (error instanceof SyncError) return error;
    throw error;
  }
  // Without a date of its own, QuickBooks dates the invoice today.
  const txnDate = String(fields.TxnDate ?? "") || today;
  if (rules.bookCloseDate && txnDate <= rules.bookCloseDate) {
    return new SyncError("CLOSED_PERIOD", `The invoice is dated ${txnDate}, and the QuickBooks books are closed through ${rules.bookCloseDate}.`);
  }
  if (rules.revenueRecognition) {
    const fallbackDate = fallbackServiceDate(fallback, fields);
    const undated = lines.find((line) => !line.serviceDate && !fallbackDate);
    if (undated) {
      return new SyncError("SERVICE_DATE_REQUIRED", `The line “${undated.description ?? "(no description)"}” has no service date, and no fallback date is configured for such lines.`);
    }
  }
  return null;
}

/**
 * For a preview: invoices whose customer or contact can't be brought along, then, for those going
 * to QuickBooks, what the company's rules refuse (read once per preview: its preferences and the
 * tax mapping).
 */
export async function predictInvoiceFailures(env: ObjectEnv, side: Side, creates: PlannedCreate[], memory: PreviewMemory, settings: InvoiceSettings): Promise<Map<string, SyncError>> {
  const targetSide = other(side);
  const failures = await predictCustomerFailures(env, targetSide, creates.map((create) => create.source), memory);
  if (targetSide !== "quickbooks") return failures;
  const [tax, rules] = await Promise.all([
    memory.once("invoice-tax", () => invoiceTaxLoader(env.ctx)()),
    memory.once("invoice-write-rules", async () => invoiceWriteRules(await env.ctx.quickbooks.preferences())),
  ]);
  const today = new Date().toISOString().slice(0, 10);
  for (const create of creates) {
    if (failures.has(create.source.id)) continue;
    const refusal = quickbooksRefusal(toFields(create.toTarget, env.mappings, "quickbooks"), tax, rules, settings.serviceDateFallback, today);
    if (refusal) failures.set(create.source.id, refusal);
  }
  return failures;
}
