import Link from "next/link";
import { notFound } from "next/navigation";
import type { Doc } from "@/server/sandbox/quickbooks/domain/documents";
import { getDoc, money } from "@/server/sandbox/quickbooks/ui/service";
import { Cell, Table } from "../../../../_components/ui";

export const dynamic = "force-dynamic";

/** Invoice id → the amount the payment applies to it, from its lines' linked transactions. */
function applications(payment: Doc): Array<{ invoiceId: string; amount: unknown }> {
  return ((payment.Line as Doc[] | undefined) ?? []).flatMap((line) =>
    ((line.LinkedTxn as Doc[] | undefined) ?? []).filter((linked) => linked.TxnType === "Invoice").map((linked) => ({ invoiceId: String(linked.TxnId), amount: line.Amount })),
  );
}

/** A received payment, as QuickBooks' "Receive payment" page shows it: customer, amount, date and the invoices it pays. */
export default async function PaymentPage({ params }: { params: Promise<{ realmId: string; id: string }> }) {
  const { realmId, id } = await params;
  const payment = await getDoc(realmId, "Payment", id);
  if (!payment) notFound();
  const applied = applications(payment);
  const invoices = await Promise.all(applied.map((a) => getDoc(realmId, "Invoice", a.invoiceId)));
  const customer = payment.CustomerRef as { value: string; name?: string } | undefined;
  const base = `/sandbox/quickbooks/companies/${realmId}`;
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-semibold">Payment #{id}</h2>
      <dl className="flex flex-wrap gap-x-8 gap-y-2 rounded-lg bg-white p-4 text-sm shadow-sm">
        <div>
          <dt className="text-slate-500">Customer</dt>
          <dd>{customer ? <Link href={`${base}/customers/${customer.value}`} className="text-emerald-700 underline">{customer.name ?? `#${customer.value}`}</Link> : "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Payment date</dt>
          <dd data-testid="payment-date">{String(payment.TxnDate ?? "")}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Amount received</dt>
          <dd data-testid="payment-amount">{money(payment.TotalAmt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Reference no.</dt>
          <dd>{String(payment.PaymentRefNum ?? "—")}</dd>
        </div>
      </dl>
      <section className="space-y-2">
        <h3 className="font-semibold">Applied to</h3>
        <Table label="Applied to invoices" headers={["Invoice", "Amount applied", "Balance due"]}>
          {applied.map((a, i) => (
            <tr key={`${a.invoiceId}-${i}`}>
              <Cell>
                <Link href={`${base}/invoices/${a.invoiceId}`} className="text-emerald-700 underline">
                  Invoice {String(invoices[i]?.DocNumber ?? `#${a.invoiceId}`)}
                </Link>
              </Cell>
              <Cell>{money(a.amount)}</Cell>
              <Cell>{invoices[i] ? money(invoices[i].Balance) : "Deleted"}</Cell>
            </tr>
          ))}
        </Table>
        {applied.length === 0 && <p className="text-sm text-slate-600">Not applied to any invoice (unapplied payment).</p>}
      </section>
    </div>
  );
}
