import type { Doc } from "@/server/sandbox/quickbooks/domain/documents";
import { Field, inputClass } from "../../../_components/ui";

/** The item form's fields, empty for a new item or filled from `item`. */
export function ItemFields({ accounts, item }: { accounts: Doc[]; item?: Doc }) {
  const income = accounts.filter((a) => a.AccountType === "Income");
  const value = (key: string) => (item && item[key] !== undefined ? String(item[key]) : "");
  return (
    <>
      <Field label="Name">
        <input name="name" defaultValue={value("Name")} className={inputClass} />
      </Field>
      <Field label="SKU">
        <input name="sku" defaultValue={value("Sku")} className={inputClass} />
      </Field>
      <Field label="Type">
        <select name="type" defaultValue={value("Type") || "Service"} className={inputClass}>
          <option>Service</option>
          <option>NonInventory</option>
        </select>
      </Field>
      <Field label="Sales price">
        <input name="unitPrice" type="number" step="0.01" defaultValue={value("UnitPrice")} className={inputClass} />
      </Field>
      <Field label="Income account">
        <select name="incomeAccountId" defaultValue={(item?.IncomeAccountRef as { value?: string } | undefined)?.value ?? String(income[0]?.Id ?? "")} className={inputClass}>
          {income.map((a) => (
            <option key={String(a.Id)} value={String(a.Id)}>
              {String(a.Name)}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Description">
        <input name="description" defaultValue={value("Description")} className={inputClass} />
      </Field>
    </>
  );
}
