import Link from "next/link";
import { notFound } from "next/navigation";
import { contactLabel, editableFields, invoiceDetail, recentRecords } from "@/server/sandbox/hubspot/ui/service";
import { RecordForm } from "../../../record-form";
import {
  addCustomLineAction,
  addProductLineAction,
  associateContactAction,
  deleteDraftAction,
  finalizeInvoiceAction,
  recordPaymentAction,
  voidInvoiceAction,
} from "../../../actions";
import { ErrorBanner, Field, money, Submit, Table } from "../../../ui";

export const dynamic = "force-dynamic";

const selectClass = "rounded border border-slate-300 px-2 py-1 text-sm";

export default async function InvoicePage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string; invoiceId: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const { accountId, invoiceId } = await params;
  const { error } = await searchParams;
  const detail = await invoiceDetail(Number(accountId), Number(invoiceId));
  if (!detail) notFound();
  const { invoice, contacts, lineItems, payments } = detail;
  const p = invoice.properties;
  const status = p.hs_invoice_status ?? "draft";
  const [products, allContacts] = await Promise.all([recentRecords(Number(accountId), "products"), recentRecords(Number(accountId), "contacts")]);
  const hidden = (
    <>
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="invoiceId" value={invoiceId} />
    </>
  );
  return (
    <div className="space-y-6">
      <div className="flex items-baseline gap-4">
        <h1 className="text-xl font-semibold">{p.hs_title || `Invoice ${invoice.id}`}</h1>
        <span data-testid="invoice-status" className="rounded bg-slate-200 px-2 py-0.5 text-sm">
          {status}
        </span>
        <span data-testid="invoice-number" className="text-sm text-slate-600">
          {p.hs_number ?? "No number yet"}
        </span>
      </div>
      <ErrorBanner message={error} />
      <dl className="grid grid-cols-3 gap-4 rounded border border-slate-200 bg-white p-4 text-sm">
        <div>
          <dt className="text-slate-500">Amount billed</dt>
          <dd data-testid="amount-billed">{money(p.hs_amount_billed, p.hs_currency)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Amount paid</dt>
          <dd data-testid="amount-paid">{money(p.hs_amount_paid, p.hs_currency)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Balance due</dt>
          <dd data-testid="balance-due">{money(p.hs_balance_due, p.hs_currency)}</dd>
        </div>
      </dl>

      {(status === "draft" || status === "open") && <RecordForm accountId={accountId} record={invoice} fields={await editableFields(Number(accountId), "invoices")} label="Invoice details" />}

      <section className="space-y-3">
        <h2 className="font-semibold">Contact</h2>
        <ul aria-label="Associated contacts" className="text-sm">
          {contacts.map((c) => (
            <li key={c.id}>{contactLabel(c)}</li>
          ))}
        </ul>
        {status === "draft" && (
          <form action={associateContactAction} className="flex items-end gap-3">
            {hidden}
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium text-slate-700">Contact</span>
              <select name="contactId" className={selectClass} required>
                {allContacts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {contactLabel(c)}
                  </option>
                ))}
              </select>
            </label>
            <Submit>Associate contact</Submit>
          </form>
        )}
      </section>

      <section className="space-y-3">
        <h2 className="font-semibold">Line items</h2>
        <Table label="Line items" head={["Name", "SKU", "Quantity", "Price", "Amount"]}>
          {lineItems.map((l) => (
            <tr key={l.id} className="border-b border-slate-100">
              <td className="py-1.5 pr-4">{l.properties.name}</td>
              <td className="pr-4">{l.properties.hs_sku ?? "—"}</td>
              <td className="pr-4">{l.properties.quantity}</td>
              <td className="pr-4">{money(l.properties.price, p.hs_currency)}</td>
              <td className="pr-4">{money(l.properties.amount, p.hs_currency)}</td>
            </tr>
          ))}
        </Table>
        {status === "draft" && (
          <div className="flex flex-wrap gap-8">
            <form action={addProductLineAction} className="flex items-end gap-3">
              {hidden}
              <label className="flex flex-col gap-1 text-sm">
                <span className="font-medium text-slate-700">Product</span>
                <select name="productId" className={selectClass} required>
                  {products.map((pr) => (
                    <option key={pr.id} value={pr.id}>
                      {pr.properties.name}
                    </option>
                  ))}
                </select>
              </label>
              <Field label="Quantity" name="quantity" type="number" defaultValue="1" required />
              <Submit>Add product</Submit>
            </form>
            <form action={addCustomLineAction} className="flex items-end gap-3" aria-label="Custom line item">
              {hidden}
              <Field label="Item name" name="name" required />
              <Field label="Unit price" name="price" type="number" required />
              <Field label="Qty" name="quantity" type="number" defaultValue="1" required />
              <Submit>Add custom line</Submit>
            </form>
          </div>
        )}
      </section>

      <section className="space-y-3">
        <h2 className="font-semibold">Payments</h2>
        <Table label="Payments" head={["ID", "Amount", "Method", "Status"]}>
          {payments.map((pay) => (
            <tr key={pay.id} className="border-b border-slate-100">
              <td className="py-1.5 pr-4">
                <Link href={`/sandbox/hubspot/${accountId}/payments/${pay.id}`} className="text-orange-700 underline">
                  {pay.id}
                </Link>
              </td>
              <td className="pr-4">{money(pay.properties.hs_initial_amount, p.hs_currency)}</td>
              <td className="pr-4">{pay.properties.hs_payment_method_type}</td>
              <td className="pr-4">{pay.properties.hs_latest_status}</td>
            </tr>
          ))}
        </Table>
        {status === "open" && (
          <form action={recordPaymentAction} className="flex items-end gap-3">
            {hidden}
            <Field label="Payment amount" name="amount" type="number" defaultValue={p.hs_balance_due} required />
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium text-slate-700">Method</span>
              <select name="method" className={selectClass}>
                {["check", "cash", "card", "ach", "wire_transfer", "other"].map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </label>
            <Submit>Record payment</Submit>
          </form>
        )}
      </section>

      <div className="flex gap-3">
        {status === "draft" && (
          <form action={finalizeInvoiceAction}>
            {hidden}
            <Submit>Finalize invoice</Submit>
          </form>
        )}
        {status === "draft" && (
          <form action={deleteDraftAction}>
            {hidden}
            <button type="submit" className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-700">
              Delete draft
            </button>
          </form>
        )}
        {status === "open" && (
          <form action={voidInvoiceAction}>
            {hidden}
            <Submit>Void invoice</Submit>
          </form>
        )}
      </div>
    </div>
  );
}
