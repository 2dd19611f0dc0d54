import Link from "next/link";
import { listAccounts } from "@/server/sandbox/hubspot/store/accounts";
import { listApps } from "@/server/sandbox/hubspot/store/apps";
import { createAccountAction } from "./actions";
import { Field, Submit, Table } from "./ui";

export const dynamic = "force-dynamic";

export default async function SandboxHubSpotHome() {
  const [accounts, apps] = await Promise.all([listAccounts(), listApps()]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Accounts</h1>
      <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
        {accounts.map((a) => (
          <li key={a.id} className="flex items-center justify-between px-4 py-2">
            <Link href={`/sandbox/hubspot/${a.id}/invoices`} className="font-medium text-orange-700 hover:underline">
              {a.name}
            </Link>
            <span className="text-xs text-slate-500">Hub ID {a.id}</span>
          </li>
        ))}
        {accounts.length === 0 && <li className="px-4 py-2 text-sm text-slate-500">No accounts yet.</li>}
      </ul>
      <form action={createAccountAction} className="flex items-end gap-3">
        <Field label="New account name" name="name" required />
        <Submit>Create account</Submit>
      </form>
      <h2 className="text-lg font-semibold">Registered apps</h2>
      <Table label="Apps" head={["App ID", "Name", "Client ID", "Webhook URL", "Subscriptions"]}>
        {apps.map((app) => (
          <tr key={app.id} className="border-b border-slate-100">
            <td className="py-1.5 pr-4">{app.id}</td>
            <td className="pr-4">{app.name}</td>
            <td className="pr-4 font-mono text-xs">{app.clientId}</td>
            <td className="pr-4">{app.webhookUrl ?? "—"}</td>
            <td className="pr-4">{app.subscriptions.filter((s) => s.active).length}</td>
          </tr>
        ))}
      </Table>
      <p className="text-xs text-slate-500">Apps are registered through the admin API (POST /sandbox/hubspot/admin/apps).</p>
    </div>
  );
}
