import { listAccounts } from "@/server/sandbox/hubspot/store/accounts";
import { validateAuthorizeRequest } from "@/server/sandbox/hubspot/ui/authorize";

export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function AuthorizePage({ searchParams }: { searchParams: Promise<Search> }) {
  const query = await searchParams;
  const request = {
    clientId: one(query.client_id),
    redirectUri: one(query.redirect_uri),
    scope: [one(query.scope), one(query.optional_scope)].filter(Boolean).join(" "),
    state: one(query.state),
  };
  const checked = await validateAuthorizeRequest(request);
  if (!checked.ok) {
    return (
      <div className="mx-auto max-w-lg space-y-3 rounded border border-red-300 bg-white p-6">
        <h1 className="text-xl font-semibold">Authorization failed</h1>
        <p role="alert" data-testid="sandbox-error" className="text-sm text-red-800">
          {checked.message}
        </p>
      </div>
    );
  }
  const accounts = await listAccounts();
  const scopes = request.scope.split(/[\s+]+/).filter(Boolean);
  return (
    <form method="post" action="/sandbox/hubspot/oauth/decide" className="mx-auto max-w-lg space-y-5 rounded border border-slate-200 bg-white p-6">
      <h1 className="text-xl font-semibold">Connect {checked.appName} to HubSpot</h1>
      <p className="text-sm text-slate-600">Choose the sandbox account to connect. The app asks for:</p>
      <ul className="list-inside list-disc text-xs text-slate-600">
        {scopes.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <input type="hidden" name="client_id" value={request.clientId} />
      <input type="hidden" name="redirect_uri" value={request.redirectUri} />
      <input type="hidden" name="scope" value={request.scope} />
      <input type="hidden" name="state" value={request.state} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Account</legend>
        {accounts.map((a, i) => (
          <label key={a.id} className="flex items-center gap-2 text-sm">
            <input type="radio" name="account" value={String(a.id)} defaultChecked={i === 0} />
            {a.name} <span className="text-xs text-slate-500">(Hub ID {a.id})</span>
          </label>
        ))}
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="account" value="new" defaultChecked={accounts.length === 0} />
          Create a new sandbox account named
          <input name="new_account_name" aria-label="New account name" defaultValue="My sandbox account" className="rounded border border-slate-300 px-2 py-0.5" />
        </label>
      </fieldset>
      <div className="flex gap-3">
        <button type="submit" name="decision" value="approve" className="rounded bg-orange-600 px-4 py-1.5 text-sm font-semibold text-white">
          Approve
        </button>
        <button type="submit" name="decision" value="deny" className="rounded border border-slate-300 px-4 py-1.5 text-sm">
          Deny
        </button>
      </div>
    </form>
  );
}
