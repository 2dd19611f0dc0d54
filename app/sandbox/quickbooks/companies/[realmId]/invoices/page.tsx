import Link from "next/link";
import { invoiceStatus, listDocs, money } from "@/server/sandbox/quickbooks/ui/service";
import { buttonClass, Cell, ErrorBanner, Table } from "../../../_components/ui";

export const dynamic = "force-dynamic";

export default async function InvoicesPage({ params, searchParams }: { params: Promise<{ realmId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { realmId } = await params;
  const { error } = await searchParams;
  const invoices = await listDocs(realmId, "Invoice");
  return (
    <div className="space-y-4">
      <ErrorBanner error={error} />
      <div className="flex justify-end">
        <Link className={buttonClass} href={`/sandbox/quickbooks/companies/${realmId}/invoices/new`}>
          New invoice
        </Link>
      </div>
      <Table label="Invoices" headers={["No.", "Customer", "Date", "Total", "Balance", "Status"]}>
        {invoices.map((i) => (
          <tr key={String(i.Id)}>
            <Cell>
              <Link className="text-emerald-700 hover:underline" href={`/sandbox/quickbooks/companies/${realmId}/invoices/${String(i.Id)}`}>
                {String(i.DocNumber ?? `#${String(i.Id)}`)}
              </Link>
            </Cell>
            <Cell>{String((i.CustomerRef as { name?: string }).name ?? "")}</Cell>
            <Cell>{String(i.TxnDate)}</Cell>
            <Cell>{money(i.TotalAmt)}</Cell>
            <Cell>{money(i.Balance)}</Cell>
            <Cell>{invoiceStatus(i)}</Cell>
          </tr>
        ))}
      </Table>
    </div>
  );
}
