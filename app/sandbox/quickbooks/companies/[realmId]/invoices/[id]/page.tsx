import Link from "next/link";
import { notFound } from "next/navigation";
import type { Doc } from "@/server/sandbox/quickbooks/domain/documents";
import { getDoc, invoiceStatus, listDocs, money, termChoices } from "@/server/sandbox/quickbooks/ui/service";
import { deleteInvoiceAction, receivePaymentAction, updateInvoiceAction, voidInvoiceAction, voidPaymentAction } from "../../../../actions";
import { buttonClass, dangerButtonClass, ErrorBanner, Field, inputClass, secondaryButtonClass } from "../../../../_components/ui";
import { InvoiceFields } from "../invoice-fields";

export const dynamic = "force-dynamic";

export default async function InvoicePage({ params, searchParams }: { params: Promise<{ realmId: string; id: string }>; searchParams: Promise<{ error?: string }> }) {
  const { realmId, id } = await params;
  const { error } = await searchParams;
  const invoice = await getDoc(realmId, "Invoice", id);
  if (!invoice) notFound();
  const [customers, items, terms] = await Promise.all([listDocs(realmId, "Customer"), listDocs(realmId, "Item"), termChoices(realmId)]);
  const payments = (
    await Promise.all(((invoice.LinkedTxn as Doc[] | undefined) ?? []).filter((l) => l.TxnType === "Payment").map((l) => getDoc(realmId, "Payment", String(l.TxnId))))
  ).filter((p): p is Doc => p !== undefined);
  const status = invoiceStatus(invoice);
  const syncToken = String(invoice.SyncToken);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-xl font-semibold">Invoice {String(invoice.DocNumber ?? `#${id}`)}</h2>
        <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <div>
            <dt className="text-slate-500">Total</dt>
            <dd data-testid="invoice-total">{money(invoice.TotalAmt)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Balance due</dt>
            <dd data-testid="invoice-balance">{money(invoice.Balance)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Status</dt>
            <dd data-testid="invoice-status">{status}</dd>
          </div>
        </dl>
      </div>
      <ErrorBanner error={error} />

      <form action={updateInvoiceAction.bind(null, realmId, id)} className="rounded-lg bg-white p-4 shadow-sm">
        <input type="hidden" name="syncToken" value={syncToken} />
        <InvoiceFields customers={customers} items={items} terms={terms} invoice={invoice} emptyRows={1} />
        <button className={`${buttonClass} mt-4`}>Save changes</button>
      </form>

      {status === "Open" || status === "Partially paid" ? (
        <form action={receivePaymentAction.bind(null, realmId, id)} className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
          <h3 className="self-center font-semibold">Receive payment</h3>
          <Field label="Amount received">
            <input name="amount" type="number" step="0.01" defaultValue={String(invoice.Balance)} className={inputClass} />
          </Field>
          <Field label="Payment date">
            <input name="txnDate" type="date" className={inputClass} />
          </Field>
          <Field label="Reference no.">
            <input name="reference" className={inputClass} />
          </Field>
          <button className={buttonClass}>Record payment</button>
        </form>
      ) : null}

      {payments.length > 0 ? (
        <section className="rounded-lg bg-white p-4 shadow-sm">
          <h3 className="mb-2 font-semibold">Payments</h3>
          <ul className="space-y-2 text-sm">
            {payments.map((p) => (
              <li key={String(p.Id)} className="flex flex-wrap items-center gap-x-4">
                <Link href={`/sandbox/quickbooks/companies/${realmId}/payments/${String(p.Id)}`} className="text-emerald-700 underline">
                  Payment #{String(p.Id)} on {String(p.TxnDate)}: {money(p.TotalAmt)}
                </Link>
                <form action={voidPaymentAction.bind(null, realmId, id, String(p.Id), String(p.SyncToken))}>
                  <button className={secondaryButtonClass}>Void payment</button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="flex flex-wrap gap-3">
        {status !== "Voided" ? (
          <form action={voidInvoiceAction.bind(null, realmId, id, syncToken)}>
            <button className={secondaryButtonClass}>Void invoice</button>
          </form>
        ) : null}
        <form action={deleteInvoiceAction.bind(null, realmId, id, syncToken)}>
          <button className={dangerButtonClass}>Delete invoice</button>
        </form>
      </div>
    </div>
  );
}
