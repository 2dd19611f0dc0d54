"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { RecordList } from "./record-list";

type State = "synced" | "failed" | "excluded" | "pending";

const OBJECT_TEXT = {
  contacts: { title: "Contacts", detail: "QuickBooks customers ↔ HubSpot contacts, matched by email." },
  products: { title: "Products", detail: "QuickBooks items ↔ HubSpot products, matched by SKU. Items without a SKU are left out." },
  invoices: {
    title: "Invoices",
    detail: "Finalized HubSpot invoices ↔ QuickBooks invoices, with their customer, lines (by SKU) and payments. Drafts and invoices older than the sync stay out.",
  },
} as const;

const STATE_STYLE: Record<State, string> = {
  synced: "text-emerald-700",
  failed: "text-red-700",
  excluded: "text-slate-600",
  pending: "text-amber-700",
};

export function SyncObjects() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery({ ...trpc.sync.overview.queryOptions(), refetchInterval: 3000 });
  const [open, setOpen] = useState<{ object: keyof typeof OBJECT_TEXT; state: State } | null>(null);
  const update = useMutation(
    trpc.sync.updateSettings.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.sync.overview.queryKey() }),
    }),
  );

  if (overview.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (overview.isError) return <p className="text-sm text-red-600">The sync status could not be loaded: {overview.error.message}</p>;

  return (
    <div className="space-y-4">
      {update.error && (
        <p role="alert" data-testid="sync-error" className="rounded-md bg-red-50 px-4 py-2 text-sm text-red-700">
          {update.error.message}
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        {overview.data.map((item) => (
          <section key={item.object} data-testid={`sync-${item.object}`} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <div className="flex items-start justify-between gap-4">
              <div>
                <h2 className="text-lg font-semibold">{OBJECT_TEXT[item.object].title}</h2>
                <p className="text-sm text-slate-600">{OBJECT_TEXT[item.object].detail}</p>
              </div>
              <label className="flex items-center gap-2 text-sm font-medium">
                <input
                  type="checkbox"
                  role="switch"
                  aria-label={`${OBJECT_TEXT[item.object].title} sync`}
                  checked={item.enabled}
                  disabled={update.isPending}
                  onChange={(e) => update.mutate({ object: item.object, enabled: e.target.checked })}
                  className="h-4 w-4"
                />
                {item.enabled ? "On" : "Off"}
              </label>
            </div>
            {item.object === "contacts" && (
              <div className="mt-4 space-y-2 text-sm">
                <label className="flex items-center gap-2">
                  Direction
                  <select
                    aria-label="Contacts direction"
                    value={item.direction}
                    onChange={(e) => update.mutate({ object: "contacts", direction: e.target.value as "two_way" | "to_hubspot" })}
                    className="rounded-md border border-slate-300 px-2 py-1"
                  >
                    <option value="to_hubspot">QuickBooks → HubSpot</option>
                    <option value="two_way">Two-way</option>
                  </select>
                </label>
                <label className="flex items-center gap-2">
                  When both sides changed, use
                  <select
                    aria-label="Conflict winner"
                    value={item.conflictWinner}
                    onChange={(e) => update.mutate({ object: "contacts", conflictWinner: e.target.value as "hubspot" | "quickbooks" })}
                    className="rounded-md border border-slate-300 px-2 py-1"
                  >
                    <option value="quickbooks">QuickBooks Online data</option>
                    <option value="hubspot">HubSpot data</option>
                  </select>
                </label>
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={item.displayNameSuffix}
                    onChange={(e) => update.mutate({ object: "contacts", displayNameSuffix: e.target.checked })}
                  />
                  On a duplicate QuickBooks name, add a number (“Acme (2)”) instead of failing
                </label>
              </div>
            )}
            <dl className="mt-4 grid grid-cols-4 gap-2 text-center">
              {(["synced", "failed", "excluded", "pending"] as const).map((state) => (
                <button
                  key={state}
                  type="button"
                  onClick={() => setOpen({ object: item.object, state })}
                  className="rounded-lg border border-slate-200 px-2 py-2 hover:bg-slate-50"
                >
                  <dd className={`text-xl font-semibold ${STATE_STYLE[state]}`} data-testid={`${item.object}-${state}`}>
                    {item.counts[state]}
                  </dd>
                  <dt className="text-xs capitalize text-slate-500">{state}</dt>
                </button>
              ))}
            </dl>
          </section>
        ))}
      </div>
      {open && <RecordList object={open.object} state={open.state} onClose={() => setOpen(null)} />}
    </div>
  );
}
