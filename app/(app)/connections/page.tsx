import type { Metadata } from "next";
import { ConnectionsPanel, type ConnectNotice } from "./connections-panel";
import type { ProviderId } from "./messages";
import { OrgGreeting } from "./org-greeting";

export const metadata: Metadata = { title: "Connections" };

type SearchParams = Record<string, string | string[] | undefined>;

function providerParam(value: string | string[] | undefined): ProviderId | null {
  return value === "hubspot" || value === "quickbooks" ? value : null;
}

/** What the OAuth callback reported through the query string (`connected`, or `error` + `provider`). */
function noticeFrom(params: SearchParams): ConnectNotice {
  const error = typeof params.error === "string" ? params.error : null;
  return { connected: providerParam(params.connected), error, provider: providerParam(params.provider) };
}

export default async function ConnectionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const notice = noticeFrom(await searchParams);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Connections</h1>
        <OrgGreeting />
      </div>
      <p className="max-w-2xl text-sm text-slate-600">
        Connect one HubSpot account and one QuickBooks Online company. Tandem keeps their invoices, contacts, products and
        payments in step once both are connected.
      </p>
      <ConnectionsPanel notice={notice} />
    </div>
  );
}
