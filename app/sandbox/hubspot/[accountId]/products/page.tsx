import Link from "next/link";
import { recentRecords } from "@/server/sandbox/hubspot/ui/service";
import { createProductAction } from "../../actions";
import { ErrorBanner, Field, money, Submit, Table } from "../../ui";

export const dynamic = "force-dynamic";

export default async function ProductsPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { accountId } = await params;
  const { error } = await searchParams;
  const products = await recentRecords(Number(accountId), "products");
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Products</h1>
      <ErrorBanner message={error} />
      <form action={createProductAction} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
        <input type="hidden" name="accountId" value={accountId} />
        <Field label="Name" name="name" required />
        <Field label="Price" name="price" type="number" required />
        <Field label="SKU" name="sku" />
        <Submit>Create product</Submit>
      </form>
      <Table label="Products" head={["ID", "Name", "SKU", "Price"]}>
        {products.map((p) => (
          <tr key={p.id} className="border-b border-slate-100">
            <td className="py-1.5 pr-4">
              <Link href={`/sandbox/hubspot/${accountId}/products/${p.id}`} className="text-orange-700 hover:underline">
                {p.id}
              </Link>
            </td>
            <td className="pr-4">{p.properties.name}</td>
            <td className="pr-4">{p.properties.hs_sku ?? "—"}</td>
            <td className="pr-4">{money(p.properties.price)}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
