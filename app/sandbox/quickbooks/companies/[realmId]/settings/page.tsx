import { SUPPORTED_COUNTRIES } from "@/server/sandbox/quickbooks/domain/company-defaults";
import type { Doc } from "@/server/sandbox/quickbooks/domain/documents";
import { companyView } from "@/server/sandbox/quickbooks/ui/service";
import { saveSettingsAction } from "../../../actions";
import { buttonClass, ErrorBanner, Field, inputClass } from "../../../_components/ui";

export const dynamic = "force-dynamic";

export default async function SettingsPage({ params, searchParams }: { params: Promise<{ realmId: string }>; searchParams: Promise<{ error?: string; saved?: string }> }) {
  const { realmId } = await params;
  const { error, saved } = await searchParams;
  const company = (await companyView(realmId))!;
  const group = (name: string) => (company.preferences[name] as Doc | undefined) ?? {};
  return (
    <form action={saveSettingsAction.bind(null, realmId)} className="max-w-xl space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <h2 className="font-semibold">Company settings</h2>
      <ErrorBanner error={error} />
      {saved ? (
        <p role="status" className="text-sm text-emerald-700">
          Settings saved.
        </p>
      ) : null}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="customTxnNumbers" defaultChecked={group("SalesFormsPrefs").CustomTxnNumbers === true} /> Custom transaction numbers
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="revenueRecognition" defaultChecked={group("ProductAndServicesPrefs").RevenueRecognition === true} /> Revenue recognition
      </label>
      <Field label="Close the books as of">
        <input name="bookCloseDate" type="date" defaultValue={String(group("AccountingInfoPrefs").BookCloseDate ?? "")} className={inputClass} />
      </Field>
      <Field label="Country">
        <select name="country" defaultValue={company.country} className={inputClass}>
          {SUPPORTED_COUNTRIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </Field>
      <button className={buttonClass}>Save settings</button>
    </form>
  );
}
