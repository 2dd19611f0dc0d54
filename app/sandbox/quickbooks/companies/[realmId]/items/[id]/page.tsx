import { notFound } from "next/navigation";
import { getDoc, listDocs } from "@/server/sandbox/quickbooks/ui/service";
import { saveItemAction } from "../../../../actions";
import { buttonClass, ErrorBanner } from "../../../../_components/ui";
import { ItemFields } from "../item-fields";

export const dynamic = "force-dynamic";

export default async function ItemPage({ params, searchParams }: { params: Promise<{ realmId: string; id: string }>; searchParams: Promise<{ error?: string }> }) {
  const { realmId, id } = await params;
  const { error } = await searchParams;
  const [item, accounts] = await Promise.all([getDoc(realmId, "Item", id), listDocs(realmId, "Account")]);
  if (!item) notFound();
  return (
    <form action={saveItemAction.bind(null, realmId, id)} className="grid max-w-2xl grid-cols-1 gap-3 sm:grid-cols-2 rounded-lg bg-white p-4 shadow-sm">
      <h2 className="col-span-2 font-semibold">Edit product or service</h2>
      <div className="col-span-2">
        <ErrorBanner error={error} />
      </div>
      <input type="hidden" name="syncToken" value={String(item.SyncToken)} />
      <ItemFields accounts={accounts} item={item} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="active" defaultChecked={item.Active !== false} /> Active
      </label>
      <div className="col-span-2">
        <button className={buttonClass}>Save item</button>
      </div>
    </form>
  );
}
