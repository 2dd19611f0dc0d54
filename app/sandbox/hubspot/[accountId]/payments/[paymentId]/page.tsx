import Link from "next/link";
import { notFound } from "next/navigation";
import { paymentDetail } from "@/server/sandbox/hubspot/ui/service";
import { money, Table } from "../../../ui";

export const dynamic = "force-dynamic";

/** A commerce payment's record page: amount, method, status, and the invoices it pays. */
export default async function PaymentPage({ params }: { params: Promise<{ accountId: string; paymentId: string }> }) {
  const { accountId, paymentId } = await params;
  const detail = await paymentDetail(Number(accountId), Number(paymentId));
  if (!detail) notFound();
  const { payment, invoices } = detail;
  const p = payment.properties;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-xl font-semibold">Payment {payment.id}</h1>
        <span data-testid="payment-status" className="rounded bg-slate-200 px-2 py-0.5 text-sm">
          {p.hs_latest_status ?? "—"}
        </span>
      </div>
      <dl className="grid grid-cols-1 gap-4 rounded border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Amount</dt>
          <dd data-testid="payment-amount">{money(p.hs_initial_amount, p.hs_currency_code ?? undefined)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Method</dt>
          <dd>{p.hs_payment_method_type ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Reference</dt>
          <dd>{p.hs_reference_number ?? "—"}</dd>
        </div>
      </dl>
      <section className="space-y-3">
        <h2 className="font-semibold">Pays invoices</h2>
        <Table label="Invoices" head={["Invoice", "Number", "Status"]}>
          {invoices.map((invoice) => (
            <tr key={invoice.id} className="border-b border-slate-100">
              <td className="py-1.5 pr-4">
                <Link href={`/sandbox/hubspot/${accountId}/invoices/${invoice.id}`} className="text-orange-700 underline">
                  {invoice.properties.hs_title || `Invoice ${invoice.id}`}
                </Link>
              </td>
              <td className="pr-4">{invoice.properties.hs_number ?? "—"}</td>
              <td className="pr-4">{invoice.properties.hs_invoice_status ?? "draft"}</td>
            </tr>
          ))}
        </Table>
      </section>
    </div>
  );
}
