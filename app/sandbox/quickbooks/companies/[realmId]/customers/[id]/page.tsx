import { notFound } from "next/navigation";
import { getDoc } from "@/server/sandbox/quickbooks/ui/service";
import { saveCustomerAction } from "../../../../actions";
import { buttonClass, ErrorBanner, Field, inputClass } from "../../../../_components/ui";

export const dynamic = "force-dynamic";

export default async function CustomerPage({ params, searchParams }: { params: Promise<{ realmId: string; id: string }>; searchParams: Promise<{ error?: string }> }) {
  const { realmId, id } = await params;
  const { error } = await searchParams;
  const customer = await getDoc(realmId, "Customer", id);
  if (!customer) notFound();
  const value = (key: string) => (typeof customer[key] === "string" ? (customer[key] as string) : "");
  return (
    <form action={saveCustomerAction.bind(null, realmId, id)} className="grid max-w-2xl grid-cols-1 gap-3 sm:grid-cols-2 rounded-lg bg-white p-4 shadow-sm">
      <h2 className="col-span-2 font-semibold">Edit customer</h2>
      <div className="col-span-2">
        <ErrorBanner error={error} />
      </div>
      <input type="hidden" name="syncToken" value={String(customer.SyncToken)} />
      <Field label="Display name">
        <input name="displayName" defaultValue={value("DisplayName")} className={inputClass} />
      </Field>
      <Field label="Company name">
        <input name="companyName" defaultValue={value("CompanyName")} className={inputClass} />
      </Field>
      <Field label="First name">
        <input name="givenName" defaultValue={value("GivenName")} className={inputClass} />
      </Field>
      <Field label="Last name">
        <input name="familyName" defaultValue={value("FamilyName")} className={inputClass} />
      </Field>
      <Field label="Email">
        <input name="email" type="email" defaultValue={(customer.PrimaryEmailAddr as { Address?: string } | undefined)?.Address ?? ""} className={inputClass} />
      </Field>
      <label className="flex items-center gap-2 self-end text-sm">
        <input type="checkbox" name="active" defaultChecked={customer.Active !== false} /> Active
      </label>
      <div className="col-span-2">
        <button className={buttonClass}>Save customer</button>
      </div>
    </form>
  );
}
