import type { Doc } from "@/server/sandbox/quickbooks/domain/documents";
import { itemDefaults } from "@/server/sandbox/quickbooks/ui/invoice-lines";
import { Field, inputClass } from "../../../_components/ui";
import { ItemSelect } from "./item-select";

/** Invoice header fields and sales-line rows; an existing invoice's lines come first, then empty rows. */
export function InvoiceFields({
  customers,
  items,
  terms,
  invoice,
  emptyRows,
}: {
  customers: Doc[];
  items: Doc[];
  /** The company's terms, and which a new invoice starts with. */
  terms: { terms: Doc[]; defaultTermId: string | undefined };
  invoice?: Doc;
  emptyRows: number;
}) {
  const lines = ((invoice?.Line as Doc[] | undefined) ?? []).filter((l) => l.DetailType === "SalesItemLineDetail");
  const rows = [...lines, ...Array.from({ length: emptyRows }, () => undefined)];
  const po = ((invoice?.CustomField as Doc[] | undefined) ?? []).find((f) => f.DefinitionId === "1")?.StringValue;
  const text = (key: string) => (invoice && typeof invoice[key] === "string" ? (invoice[key] as string) : "");
  const itemChoices = itemDefaults(items);
  return (
    <>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label="Customer">
          <select name="customerId" defaultValue={(invoice?.CustomerRef as { value?: string } | undefined)?.value ?? ""} className={inputClass}>
            <option value="">Choose a customer</option>
            {customers.map((c) => (
              <option key={String(c.Id)} value={String(c.Id)}>
                {String(c.DisplayName)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Invoice no.">
          <input name="docNumber" defaultValue={text("DocNumber")} className={inputClass} />
        </Field>
        <Field label="PO Number">
          <input name="poNumber" defaultValue={typeof po === "string" ? po : ""} className={inputClass} />
        </Field>
        <Field label="Invoice date">
          <input name="txnDate" type="date" defaultValue={text("TxnDate")} className={inputClass} />
        </Field>
        <Field label="Terms">
          <select name="termId" defaultValue={invoice ? ((invoice.SalesTermRef as { value?: string } | undefined)?.value ?? "") : (terms.defaultTermId ?? "")} className={inputClass}>
            <option value="">No terms</option>
            {terms.terms.map((t) => (
              <option key={String(t.Id)} value={String(t.Id)}>
                {String(t.Name)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Due date">
          <input name="dueDate" type="date" defaultValue={text("DueDate")} className={inputClass} />
        </Field>
        <Field label="Private note">
          <input name="privateNote" defaultValue={text("PrivateNote")} className={inputClass} />
        </Field>
      </div>
      {/* The lines scroll sideways on a phone rather than widening the page. */}
      <div className="mt-4 overflow-x-auto">
        <table aria-label="Lines" className="w-full min-w-[40rem] text-sm">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="py-1">Product or service</th>
              <th>Description</th>
              <th>Qty</th>
              <th>Rate</th>
              <th>Service date</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((line, i) => {
              const detail = (line?.SalesItemLineDetail as Doc | undefined) ?? {};
              return (
                <tr key={i}>
                  <td className="py-1 pr-2">
                    {line ? <input type="hidden" name={`lineId-${i}`} value={String(line.Id ?? "")} /> : null}
                    <ItemSelect row={i} items={itemChoices} defaultValue={(detail.ItemRef as { value?: string } | undefined)?.value ?? ""} className={`${inputClass} w-40`} />
                  </td>
                  <td className="pr-2">
                    <input aria-label={`Line ${i + 1} description`} name={`description-${i}`} defaultValue={String(line?.Description ?? "")} className={inputClass} />
                  </td>
                  <td className="pr-2">
                    <input aria-label={`Line ${i + 1} quantity`} name={`qty-${i}`} type="number" step="any" defaultValue={detail.Qty === undefined ? "1" : String(detail.Qty)} className={`${inputClass} w-20`} />
                  </td>
                  <td className="pr-2">
                    <input aria-label={`Line ${i + 1} rate`} name={`unitPrice-${i}`} type="number" step="0.01" defaultValue={detail.UnitPrice === undefined ? "" : String(detail.UnitPrice)} className={`${inputClass} w-28`} />
                  </td>
                  <td>
                    <input aria-label={`Line ${i + 1} service date`} name={`serviceDate-${i}`} type="date" defaultValue={String(detail.ServiceDate ?? "")} className={inputClass} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
