import type { ObjectRow } from "@/server/sandbox/hubspot/store/records";
import type { EditableField } from "@/server/sandbox/hubspot/ui/service";
import { updateRecordAction } from "./actions";
import { Field, Submit } from "./ui";

/** The edit form of one record: saving it is an edit "in HubSpot" (CRM_UI). */
export function RecordForm({ accountId, record, fields, label }: { accountId: string; record: ObjectRow; fields: EditableField[]; label: string }) {
  return (
    <form action={updateRecordAction} aria-label={label} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="objectType" value={record.objectType} />
      <input type="hidden" name="recordId" value={String(record.id)} />
      {fields.map(({ name, label, input }) =>
        input === "date" ? (
          <Field key={name} label={label} name={name} type="date" defaultValue={record.properties[name]?.slice(0, 10)} />
        ) : (
          <Field key={name} label={label} name={name} type={input ?? "text"} defaultValue={record.properties[name]} />
        ),
      )}
      <Submit>Save</Submit>
    </form>
  );
}
