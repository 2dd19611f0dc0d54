import Link from "next/link";
import { recentRecords } from "@/server/sandbox/hubspot/ui/service";
import { createInvoiceAction } from "../../actions";
import { ErrorBanner, Field, money, Submit, Table } from "../../ui";

export const dynamic = "force-dynamic";

export default async function InvoicesPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { accountId } = await params;
  const { error } = await searchParams;
  const invoices = await recentRecords(Number(accountId), "invoices");
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Invoices</h1>
      <ErrorBanner message={error} />
      <form action={createInvoiceAction} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
        <input type="hidden" name="accountId" value={accountId} />
        <Field label="Title" name="title" />
        <Field label="Currency" name="currency" defaultValue="USD" required />
        <Submit>Create draft invoice</Submit>
      </form>
      <Table label="Invoices" head={["ID", "Number", "Title", "Status", "Billed", "Balance", "Source"]}>
        {invoices.map((i) => (
          <tr key={i.id} className="border-b border-slate-100">
            <td className="py-1.5 pr-4">
              <Link href={`/sandbox/hubspot/${accountId}/invoices/${i.id}`} className="text-orange-700 hover:underline">
                {i.id}
              </Link>
            </td>
            <td className="pr-4">{i.properties.hs_number ?? "—"}</td>
            <td className="pr-4">{i.properties.hs_title}</td>
            <td className="pr-4">{i.properties.hs_invoice_status}</td>
            <td className="pr-4">{money(i.properties.hs_amount_billed, i.properties.hs_currency)}</td>
            <td className="pr-4">{money(i.properties.hs_balance_due, i.properties.hs_currency)}</td>
            <td className="pr-4">{i.properties.hs_invoice_source}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
