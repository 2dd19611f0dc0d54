import Link from "next/link";
import { SUPPORTED_COUNTRIES } from "@/server/sandbox/quickbooks/domain/company-defaults";
import { listApps } from "@/server/sandbox/quickbooks/store/apps";
import { sandboxDb } from "@/server/sandbox/quickbooks/store/db";
import { listCompanies } from "@/server/sandbox/quickbooks/store/records";
import { createCompanyAction } from "./actions";
import { buttonClass, Cell, ErrorBanner, Field, inputClass, Table } from "./_components/ui";

export const dynamic = "force-dynamic";

export default async function SandboxHome({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const db = sandboxDb();
  const [companies, apps] = await Promise.all([listCompanies(db), listApps(db)]);
  return (
    <div className="space-y-8">
      <section>
        <h1 className="mb-3 text-2xl font-semibold">Sandbox companies</h1>
        <ErrorBanner error={error} />
        <Table label="Companies" headers={["Company", "Country", "Realm ID"]}>
          {companies.map((c) => (
            <tr key={c.realmId}>
              <Cell>
                <Link className="text-emerald-700 hover:underline" href={`/sandbox/quickbooks/companies/${c.realmId}/invoices`}>
                  {c.name}
                </Link>
              </Cell>
              <Cell>{String(c.companyInfo.Country ?? "US")}</Cell>
              <Cell>{c.realmId}</Cell>
            </tr>
          ))}
        </Table>
        <form action={createCompanyAction} className="mt-4 flex flex-wrap items-end gap-3">
          <Field label="New company name">
            <input name="name" required className={inputClass} />
          </Field>
          <Field label="Country">
            <select name="country" className={inputClass} defaultValue="US">
              {SUPPORTED_COUNTRIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </Field>
          <button className={buttonClass}>Create company</button>
        </form>
      </section>
      <section>
        <h2 className="mb-3 text-lg font-semibold">Registered apps</h2>
        <Table label="Apps" headers={["App", "Client ID", "Webhook", "Format"]}>
          {apps.map((a) => (
            <tr key={a.id}>
              <Cell>{a.name}</Cell>
              <Cell>
                <code className="text-xs">{a.clientId}</code>
              </Cell>
              <Cell>{a.webhookUrl ?? "—"}</Cell>
              <Cell>{a.webhookFormat}</Cell>
            </tr>
          ))}
        </Table>
      </section>
    </div>
  );
}
