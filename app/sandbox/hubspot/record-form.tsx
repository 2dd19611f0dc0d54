import type { ObjectRow } from "@/server/sandbox/hubspot/store/records";
import { updateRecordAction } from "./actions";
import { Field, Submit } from "./ui";

const LABELS: Record<string, string> = {
  email: "Email",
  firstname: "First name",
  lastname: "Last name",
  company: "Company",
  phone: "Phone",
  name: "Name",
  price: "Price",
  hs_sku: "SKU",
  description: "Description",
  hs_title: "Title",
  hs_purchase_order_number: "PO number",
  hs_due_date: "Due date",
  hs_comments: "Comments",
};

/** The edit form of one record: saving it is an edit "in HubSpot" (CRM_UI). */
export function RecordForm({ accountId, record, fields, label }: { accountId: string; record: ObjectRow; fields: string[]; label: string }) {
  return (
    <form action={updateRecordAction} aria-label={label} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="objectType" value={record.objectType} />
      <input type="hidden" name="recordId" value={String(record.id)} />
      {fields.map((name) =>
        name === "hs_due_date" ? (
          <Field key={name} label={LABELS[name] ?? name} name={name} type="date" defaultValue={record.properties[name]?.slice(0, 10)} />
        ) : (
          <Field key={name} label={LABELS[name] ?? name} name={name} type={name === "price" ? "number" : "text"} defaultValue={record.properties[name]} />
        ),
      )}
      <Submit>Save</Submit>
    </form>
  );
}
