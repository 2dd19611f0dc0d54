"use client";

import type { ConnectionSummary } from "@/server/connections/list-connections";
import { PROVIDER_ACCOUNT_NOUN, PROVIDER_NAME, type ProviderId } from "./messages";
import { StatusBadge } from "./status-badge";

const WHAT_SYNCS: Record<ProviderId, string> = {
  hubspot: "Invoices, contacts, products and payments in your HubSpot account.",
  quickbooks: "Invoices, customers, items and payments in your QuickBooks Online company.",
};

interface ConnectionCardProps {
  connection: ConnectionSummary;
  busy: boolean;
  /** Owners and admins; members see the connection but get no buttons that change it. */
  canManage: boolean;
  onConnect: () => void;
  onSwitch: () => void;
  onDisconnect: () => void;
  onCheck: () => void;
}

function formatTime(value: Date | null): string {
  return value ? value.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "—";
}

const primary = "rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60";
const secondary = "rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";

export function ConnectionCard({ connection, busy, canManage, onConnect, onSwitch, onDisconnect, onCheck }: ConnectionCardProps) {
  const provider = connection.provider as ProviderId;
  const name = PROVIDER_NAME[provider];
  const noun = PROVIDER_ACCOUNT_NOUN[provider];
  const { status, account } = connection;
  const live = status === "active" || status === "needs_reauth";

  return (
    <section aria-label={name} data-testid={`connection-${provider}`} className="flex flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 className="text-lg font-semibold text-slate-900">{name}</h2>
          <p className="mt-1 text-sm text-slate-500">{WHAT_SYNCS[provider]}</p>
        </div>
        <StatusBadge status={status} />
      </div>

      {account && (
        <dl className="mt-5 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-slate-500">{noun === "company" ? "Company" : "Account"}</dt>
          <dd className="font-medium text-slate-800" data-testid="connection-account">
            {account.name ?? "(unnamed)"} <span className="font-normal text-slate-500">· ID {account.id}</span>
          </dd>
          <dt className="text-slate-500">{status === "disconnected" ? "Last connected" : "Connected"}</dt>
          <dd className="text-slate-700">{formatTime(connection.connectedAt)}</dd>
          {live && (
            <>
              <dt className="text-slate-500">Last token refresh</dt>
              <dd className="text-slate-700">{formatTime(connection.refreshedAt)}</dd>
            </>
          )}
        </dl>
      )}

      {status === "needs_reauth" && (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {name} no longer accepts Tandem&apos;s access{connection.lastError ? ` (“${connection.lastError}”)` : ""}. Records can&apos;t
          sync until you reconnect the same {noun}.
        </p>
      )}
      {status === "active" && connection.lastError && (
        <p className="mt-4 rounded-md bg-slate-50 p-3 text-sm text-slate-700">Last problem: {connection.lastError}</p>
      )}

      <div className="mt-6 flex flex-wrap gap-3">
        {canManage && !live && (
          <button type="button" className={primary} disabled={busy} onClick={onConnect}>
            Connect {name}
          </button>
        )}
        {canManage && status === "needs_reauth" && (
          <button type="button" className={primary} disabled={busy} onClick={onConnect}>
            Reconnect
          </button>
        )}
        {status === "active" && (
          <button type="button" className={secondary} disabled={busy} onClick={onCheck}>
            Check connection
          </button>
        )}
        {canManage && live && (
          <>
            <button type="button" className={secondary} disabled={busy} onClick={onSwitch}>
              Switch {noun}
            </button>
            <button type="button" className={`${secondary} text-red-700`} disabled={busy} onClick={onDisconnect}>
              Disconnect
            </button>
          </>
        )}
      </div>
    </section>
  );
}
