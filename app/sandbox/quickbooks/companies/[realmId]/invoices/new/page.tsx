import { listDocs, termChoices } from "@/server/sandbox/quickbooks/ui/service";
import { createInvoiceAction } from "../../../../actions";
import { buttonClass, ErrorBanner } from "../../../../_components/ui";
import { InvoiceFields } from "../invoice-fields";

export const dynamic = "force-dynamic";

export default async function NewInvoicePage({ params, searchParams }: { params: Promise<{ realmId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { realmId } = await params;
  const { error } = await searchParams;
  const [customers, items, terms] = await Promise.all([listDocs(realmId, "Customer"), listDocs(realmId, "Item"), termChoices(realmId)]);
  return (
    <form action={createInvoiceAction.bind(null, realmId)} className="rounded-lg bg-white p-4 shadow-sm">
      <h2 className="mb-3 font-semibold">New invoice</h2>
      <ErrorBanner error={error} />
      <InvoiceFields customers={customers} items={items} terms={terms} emptyRows={3} />
      <button className={`${buttonClass} mt-4`}>Save invoice</button>
    </form>
  );
}
