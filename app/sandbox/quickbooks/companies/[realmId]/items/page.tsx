import Link from "next/link";
import { listDocs, money } from "@/server/sandbox/quickbooks/ui/service";
import { saveItemAction } from "../../../actions";
import { buttonClass, Cell, ErrorBanner, Table } from "../../../_components/ui";
import { ItemFields } from "./item-fields";

export const dynamic = "force-dynamic";

export default async function ItemsPage({ params, searchParams }: { params: Promise<{ realmId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { realmId } = await params;
  const { error } = await searchParams;
  const [items, accounts] = await Promise.all([listDocs(realmId, "Item"), listDocs(realmId, "Account")]);
  return (
    <div className="space-y-6">
      <ErrorBanner error={error} />
      <Table label="Products and services" headers={["Name", "SKU", "Type", "Price", "Status"]}>
        {items.map((i) => (
          <tr key={String(i.Id)}>
            <Cell>
              <Link className="text-emerald-700 hover:underline" href={`/sandbox/quickbooks/companies/${realmId}/items/${String(i.Id)}`}>
                {String(i.Name)}
              </Link>
            </Cell>
            <Cell>{String(i.Sku ?? "—")}</Cell>
            <Cell>{String(i.Type)}</Cell>
            <Cell>{money(i.UnitPrice)}</Cell>
            <Cell>{i.Active === false ? "Inactive" : "Active"}</Cell>
          </tr>
        ))}
      </Table>
      <form action={saveItemAction.bind(null, realmId, null)} className="grid grid-cols-1 gap-3 sm:grid-cols-2 rounded-lg bg-white p-4 shadow-sm">
        <h2 className="col-span-2 font-semibold">New product or service</h2>
        <ItemFields accounts={accounts} />
        <div className="col-span-2">
          <button className={buttonClass}>Save item</button>
        </div>
      </form>
    </div>
  );
}
