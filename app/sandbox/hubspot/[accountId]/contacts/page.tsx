import Link from "next/link";
import { recentRecords } from "@/server/sandbox/hubspot/ui/service";
import { createContactAction } from "../../actions";
import { ErrorBanner, Field, Submit, Table } from "../../ui";

export const dynamic = "force-dynamic";

export default async function ContactsPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { accountId } = await params;
  const { error } = await searchParams;
  const contacts = await recentRecords(Number(accountId), "contacts");
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Contacts</h1>
      <ErrorBanner message={error} />
      <form action={createContactAction} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
        <input type="hidden" name="accountId" value={accountId} />
        <Field label="Email" name="email" type="email" />
        <Field label="First name" name="firstname" />
        <Field label="Last name" name="lastname" />
        <Field label="Company" name="company" />
        <Submit>Create contact</Submit>
      </form>
      <Table label="Contacts" head={["ID", "Name", "Email", "Company"]}>
        {contacts.map((c) => (
          <tr key={c.id} className="border-b border-slate-100">
            <td className="py-1.5 pr-4">
              <Link href={`/sandbox/hubspot/${accountId}/contacts/${c.id}`} className="text-orange-700 hover:underline">
                {c.id}
              </Link>
            </td>
            <td className="pr-4">{[c.properties.firstname, c.properties.lastname].filter(Boolean).join(" ")}</td>
            <td className="pr-4">{c.properties.email}</td>
            <td className="pr-4">{c.properties.company}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
