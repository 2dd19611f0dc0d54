import { notFound } from "next/navigation";
import { sandboxDb } from "@/server/sandbox/hubspot/store/db";
import { findRecord } from "@/server/sandbox/hubspot/store/records";
import { editableFields } from "@/server/sandbox/hubspot/ui/service";
import { RecordForm } from "../../../record-form";
import { ErrorBanner } from "../../../ui";

export const dynamic = "force-dynamic";

export default async function ProductPage({ params, searchParams }: { params: Promise<{ accountId: string; recordId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { accountId, recordId } = await params;
  const { error } = await searchParams;
  const record = await findRecord(sandboxDb(), Number(accountId), "products", Number(recordId));
  if (!record) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">{record.properties.name}</h1>
      <ErrorBanner message={error} />
      <RecordForm accountId={accountId} record={record} fields={await editableFields(Number(accountId), "products")} label="Edit record" />
      <p className="text-xs text-slate-500">Last modified {record.properties.hs_lastmodifieddate}</p>
    </div>
  );
}
