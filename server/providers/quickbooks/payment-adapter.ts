import { writeEach, type SideAdapter, type WriteInput } from "../../sync/engine/adapter";
import { PAYMENT_FIELDS, userMappedFields } from "../../sync/engine/payment-fields";
import type { SideRecord } from "../../sync/engine/values";
import { SyncError } from "../../sync/errors";
import { ProviderError } from "../provider-error";
import { QUICKBOOKS_WRITES_PER_STEP, type QuickBooksClient } from "./client";
import { flatten, unflatten } from "./fields";
import type { QboEntityBase } from "./types";

/** Marks the QuickBooks payments Tandem records for HubSpot payments (followed by the HubSpot payment's id). */
const TANDEM_PAYMENT_NOTE = "Tandem: HubSpot payment";

type Doc = Record<string, unknown>;
type Invoice = QboEntityBase & { CustomerRef?: { value: string }; Balance?: number; DocNumber?: string };
type Payment = QboEntityBase & Doc & { Line?: Doc[]; TotalAmt?: number; PrivateNote?: string; CustomerRef?: { value: string }; status?: string };

const QUERY_IN_MAX = 100;
const quote = (value: string) => `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A payment's application to one invoice is the record Tandem syncs (a HubSpot payment pays one
 * invoice): its id is `<Payment Id>:<Invoice Id>`, so a payment over two invoices is two records,
 * each linked on its own, and the link's QuickBooks id stays unique.
 */
export const applicationId = (paymentId: string, invoiceId: string) => `${paymentId}:${invoiceId}`;

function parseId(id: string): { paymentId: string; invoiceId: string | null } {
  const [paymentId = id, invoiceId = null] = id.split(":");
  return { paymentId, invoiceId };
}

/** Invoice id → what the payment applies to it. */
function applications(payment: Payment): Map<string, number> {
  const applied = new Map<string, number>();
  for (const line of payment.Line ?? []) {
    for (const linked of (line.LinkedTxn as Doc[] | undefined) ?? []) {
      if (linked.TxnType !== "Invoice") continue;
      const invoiceId = String(linked.TxnId);
      applied.set(invoiceId, round2((applied.get(invoiceId) ?? 0) + Number(line.Amount ?? 0)));
    }
  }
  return applied;
}

/** The linked applications of these payments, by `<Payment Id>:<Invoice Id>`, those taken off included. */
export type LinkedApplications = (paymentIds: string[]) => Promise<string[]>;

/** QuickBooks keeps a voided payment with its amounts zeroed and "Voided" as its note. */
const isVoided = (payment: Payment) => Number(payment.TotalAmt ?? 0) === 0 && String(payment.PrivateNote ?? "").startsWith("Voided");

/**
 * What the payment pays on the invoice: its line there; all of it, credit left unapplied included,
 * when it pays only this invoice (an overpayment, as QuickBooks keeps the rest as the customer's
 * credit and HubSpot shows it as a negative balance due).
 */
function paidOn(payment: Payment, invoiceId: string): number | undefined {
  const applied = applications(payment);
  const onThis = applied.get(invoiceId);
  return onThis !== undefined && applied.size === 1 ? Math.max(onThis, Number(payment.TotalAmt ?? 0)) : onThis;
}

function applicationRecord(payment: Payment, invoiceId: string): SideRecord {
  const amount = paidOn(payment, invoiceId) ?? 0;
  // Voided, or taken off the invoice: the application pays nothing any more.
  const paid = !isVoided(payment) && amount > 0;
  return {
    id: applicationId(payment.Id, invoiceId),
    fields: {
      ...flatten(payment),
      [PAYMENT_FIELDS.amount]: amount,
      [PAYMENT_FIELDS.status]: paid ? "paid" : "voided",
      [PAYMENT_FIELDS.invoice]: invoiceId,
    },
    active: true,
    createdAt: payment.MetaData?.CreateTime,
    updatedAt: payment.MetaData?.LastUpdatedTime,
    version: payment.SyncToken,
  };
}

const gone = (id: string): SideRecord => ({
  id,
  fields: { [PAYMENT_FIELDS.status]: "voided", [PAYMENT_FIELDS.amount]: null, [PAYMENT_FIELDS.invoice]: parseId(id).invoiceId },
  active: true,
});

const applicationRecords = (payment: Payment) => [...applications(payment).keys()].map((invoiceId) => applicationRecord(payment, invoiceId));

/**
 * Change Data Capture rows as records: a changed payment's applications, those it had and no
 * longer has among them (they pay nothing now), and a deleted payment's as gone.
 */
async function recordsFromChanges(rows: Payment[], linkedApplications: LinkedApplications): Promise<SideRecord[]> {
  const linked = await linkedApplications(rows.map((row) => row.Id));
  return rows.flatMap((row) => {
    const had = linked.filter((id) => parseId(id).paymentId === row.Id);
    if (row.status === "Deleted") return had.map(gone);
    const current = applicationRecords(row);
    const takenOff = had.filter((id) => !current.some((record) => record.id === id));
    return [...current, ...takenOff.map((id) => applicationRecord(row, parseId(id).invoiceId!))];
  });
}

function isGone(error: unknown): boolean {
  return error instanceof ProviderError && (error.status === 404 || error.code === "610");
}

/**
 * QuickBooks Payments, one record per invoice a payment applies to. A HubSpot payment becomes a
 * Payment of its own with one line on the invoice (its requestid from the record, so a retry
 * creates nothing twice); voiding a HubSpot payment voids it, or takes its line off a payment that
 * pays other invoices too.
 */
export function quickbooksPaymentAdapter(client: QuickBooksClient, linkedApplications: LinkedApplications): SideAdapter {
  async function getPayment(paymentId: string): Promise<Payment | null> {
    try {
      return await client.get<Payment>("Payment", paymentId);
    } catch (error) {
      if (isGone(error)) return null;
      throw error;
    }
  }

  const read = async (id: string): Promise<SideRecord> => {
    const { paymentId, invoiceId } = parseId(id);
    const payment = await getPayment(paymentId);
    return payment && invoiceId ? applicationRecord(payment, invoiceId) : gone(id);
  };

  async function readMany(ids: string[]): Promise<SideRecord[]> {
    const paymentIds = [...new Set(ids.map((id) => parseId(id).paymentId))];
    const payments = new Map<string, Payment>();
    for (let i = 0; i < paymentIds.length; i += QUERY_IN_MAX) {
      const rows = await client.queryAll<Payment>("Payment", `Id IN (${paymentIds.slice(i, i + QUERY_IN_MAX).map(quote).join(",")})`);
      for (const row of rows) payments.set(row.Id, row);
    }
    return ids.map((id) => {
      const { paymentId, invoiceId } = parseId(id);
      const payment = payments.get(paymentId);
      return payment && invoiceId ? applicationRecord(payment, invoiceId) : gone(id);
    });
  }

  /** What of `amount` the invoice can take: the rest stays on the payment as the customer's credit. */
  async function applicable(invoiceId: string, amount: number, alreadyOnIt = 0): Promise<{ invoice: Invoice; line: number }> {
    const invoice = await client.get<Invoice>("Invoice", invoiceId);
    const open = round2(Number(invoice.Balance ?? 0) + alreadyOnIt);
    if (open <= 0) throw new SyncError("VALIDATION_FAILED", `QuickBooks invoice ${invoice.DocNumber ?? invoiceId} has nothing left to pay: check whether this payment was recorded on both sides.`);
    return { invoice, line: round2(Math.min(amount, open)) };
  }

  async function create(input: WriteInput): Promise<SideRecord> {
    const invoiceId = String(input.fields[PAYMENT_FIELDS.invoiceRef] ?? "");
    const amount = Number(input.fields[PAYMENT_FIELDS.amount] ?? 0);
    const { invoice, line } = await applicable(invoiceId, amount);
    const payment = await client.create<Payment>(
      "Payment",
      {
        ...unflatten(userMappedFields(input.fields)),
        CustomerRef: invoice.CustomerRef,
        TotalAmt: amount,
        PrivateNote: `${TANDEM_PAYMENT_NOTE} ${input.counterpartId}`,
        Line: [{ Amount: line, LinkedTxn: [{ TxnId: invoiceId, TxnType: "Invoice" }] }],
      },
      input.requestKey,
    );
    const id = applicationId(payment.Id, invoiceId);
    await input.onCreated?.(id);
    return applicationRecord(payment, invoiceId);
  }

  /** Voided: the whole payment when it pays only this invoice, else its line on this invoice; a new amount changes that line. */
  async function update(current: SideRecord, input: WriteInput): Promise<SideRecord> {
    const { paymentId, invoiceId } = parseId(current.id);
    const payment = await getPayment(paymentId);
    if (!payment || !invoiceId || isVoided(payment)) return read(current.id);
    const applied = applications(payment);
    const onThis = applied.get(invoiceId) ?? 0;
    const status = input.fields[PAYMENT_FIELDS.status];
    const amount = input.fields[PAYMENT_FIELDS.amount];
    const mapped = unflatten(userMappedFields(input.fields));
    const paysThis = (line: Doc) => ((line.LinkedTxn as Doc[] | undefined) ?? []).some((l) => l.TxnType === "Invoice" && String(l.TxnId) === invoiceId);
    if (status === "voided") {
      if (onThis === 0) return read(current.id);
      const paysOthers = [...applied].some(([id, value]) => id !== invoiceId && value > 0);
      if (!paysOthers) {
        await client.void("Payment", { Id: payment.Id, SyncToken: payment.SyncToken }, `${input.requestKey}:void`);
      } else {
        const lines = (payment.Line ?? []).filter((line) => !paysThis(line));
        await client.update("Payment", { Id: payment.Id, SyncToken: payment.SyncToken, TotalAmt: round2(Number(payment.TotalAmt ?? 0) - onThis), Line: lines }, `${input.requestKey}:${payment.SyncToken}`);
      }
    } else if (typeof amount === "number" && amount !== paidOn(payment, invoiceId)) {
      // Paying only this invoice, the payment is the amount, overpaid or not; else its line here.
      const whole = applied.size === 1;
      const line = whole ? (await applicable(invoiceId, amount, onThis)).line : amount;
      let left = line;
      const lines = (payment.Line ?? []).map((l) => {
        if (!paysThis(l)) return l;
        const value = left;
        left = 0;
        return { ...l, Amount: value };
      });
      const total = whole ? amount : round2(Number(payment.TotalAmt ?? 0) + amount - onThis);
      await client.update("Payment", { ...mapped, Id: payment.Id, SyncToken: payment.SyncToken, TotalAmt: total, Line: lines }, `${input.requestKey}:${payment.SyncToken}`);
    } else if (Object.keys(mapped).length > 0) {
      await client.update("Payment", { ...mapped, Id: payment.Id, SyncToken: payment.SyncToken }, `${input.requestKey}:${payment.SyncToken}`);
    }
    return read(current.id);
  }

  return {
    side: "quickbooks",
    writesPerStep: QUICKBOOKS_WRITES_PER_STEP,
    read,
    readMany,
    page: async (cursor, size) => {
      const start = Number(cursor ?? "1");
      const rows = await client.queryPage<Payment>("Payment", start, size);
      return { records: rows.flatMap(applicationRecords), next: rows.length < size ? null : String(start + rows.length) };
    },
    findByMatch: async () => new Map(),
    // The payments Tandem made carry the HubSpot payment's id in their note.
    findByCounterpart: async (hubspotIds) => {
      const found = new Map<string, SideRecord>();
      for (const hubspotId of hubspotIds) {
        const [payment] = await client.queryAll<Payment>("Payment", `PrivateNote = ${quote(`${TANDEM_PAYMENT_NOTE} ${hubspotId}`)}`);
        const [record] = payment ? applicationRecords(payment) : [];
        if (record) found.set(hubspotId, record);
      }
      return found;
    },
    create,
    update,
    batchWrite: (operation, inputs) => writeEach(inputs, async (input) => (operation === "create" ? create(input) : update(await read(input.id!), input))),
    changedSince: async (since) => {
      const cdc = await client.changedSince(["Payment"], since);
      const rows = cdc.capped
        ? await client.queryAll<Payment>("Payment", `MetaData.LastUpdatedTime >= '${since.toISOString()}'`, "MetaData.LastUpdatedTime")
        : ((cdc.changes.Payment ?? []) as Payment[]);
      return { records: await recordsFromChanges(rows, linkedApplications), capped: false };
    },
    recordsFromChanges: (rows) => recordsFromChanges(rows as Payment[], linkedApplications),
    notifiedRecords: async (id) => {
      if (parseId(id).invoiceId) return [id];
      const payment = await getPayment(id);
      const current = payment ? applicationRecords(payment).map((r) => r.id) : [];
      return [...new Set([...current, ...(await linkedApplications([id]))])];
    },
  };
}

/** The Payments applied to the invoice (its LinkedTxn), by Payment id. */
export async function quickbooksInvoicePaymentIds(client: QuickBooksClient, invoiceId: string): Promise<string[]> {
  try {
    const invoice = await client.get<QboEntityBase & { LinkedTxn?: Array<{ TxnId: string; TxnType: string }> }>("Invoice", invoiceId);
    return (invoice.LinkedTxn ?? []).filter((l) => l.TxnType === "Payment").map((l) => String(l.TxnId));
  } catch (error) {
    if (isGone(error)) return [];
    throw error;
  }
}
