import Link from "next/link";
import { listAccounts } from "@/server/sandbox/hubspot/store/accounts";
import { createAccountAction } from "./actions";
import { Field, Submit } from "./ui";

export const dynamic = "force-dynamic";

export default async function SandboxHubSpotHome() {
  const accounts = await listAccounts();
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
    </div>
  );
}
