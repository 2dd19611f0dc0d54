import Link from "next/link";
import { listDocs, money } from "@/server/sandbox/quickbooks/ui/service";
import { saveCustomerAction } from "../../../actions";
import { buttonClass, Cell, ErrorBanner, Field, inputClass, Table } from "../../../_components/ui";

export const dynamic = "force-dynamic";

export default async function CustomersPage({ params, searchParams }: { params: Promise<{ realmId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { realmId } = await params;
  const { error } = await searchParams;
  const customers = await listDocs(realmId, "Customer");
  return (
    <div className="space-y-6">
      <ErrorBanner error={error} />
      <Table label="Customers" headers={["Name", "Email", "Balance", "Status"]}>
        {customers.map((c) => (
          <tr key={String(c.Id)}>
            <Cell>
              <Link className="text-emerald-700 hover:underline" href={`/sandbox/quickbooks/companies/${realmId}/customers/${String(c.Id)}`}>
                {String(c.DisplayName)}
              </Link>
            </Cell>
            <Cell>{String((c.PrimaryEmailAddr as { Address?: string } | undefined)?.Address ?? "—")}</Cell>
            <Cell>{money(c.Balance)}</Cell>
            <Cell>{c.Active === false ? "Inactive" : "Active"}</Cell>
          </tr>
        ))}
      </Table>
      <form action={saveCustomerAction.bind(null, realmId, null)} className="grid grid-cols-1 gap-3 sm:grid-cols-2 rounded-lg bg-white p-4 shadow-sm">
        <h2 className="col-span-2 font-semibold">New customer</h2>
        <Field label="Display name">
          <input name="displayName" className={inputClass} />
        </Field>
        <Field label="Company name">
          <input name="companyName" className={inputClass} />
        </Field>
        <Field label="First name">
          <input name="givenName" className={inputClass} />
        </Field>
        <Field label="Last name">
          <input name="familyName" className={inputClass} />
        </Field>
        <Field label="Email">
          <input name="email" type="email" className={inputClass} />
        </Field>
        <div className="col-span-2">
          <button className={buttonClass}>Save customer</button>
        </div>
      </form>
    </div>
  );
}
