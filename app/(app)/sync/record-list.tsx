"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_lib/trpc";

interface RecordListProps {
  object: "contacts" | "products" | "invoices";
  state: "synced" | "failed" | "excluded" | "pending";
  onClose: () => void;
}

export function RecordList({ object, state, onClose }: RecordListProps) {
  const trpc = useTRPC();
  const records = useQuery(trpc.sync.records.queryOptions({ object, state }));
  return (
    <aside aria-label={`${state} ${object}`} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-center justify-between">
        <h2 className="text-base font-semibold capitalize">
          {state} {object}
        </h2>
        <button type="button" onClick={onClose} className="text-sm text-slate-600 hover:underline">
          Close
        </button>
      </div>
      {records.isPending && <p className="mt-3 text-sm text-slate-500">Loading…</p>}
      {records.data?.length === 0 && <p className="mt-3 text-sm text-slate-500">No records.</p>}
      <ul className="mt-3 divide-y divide-slate-100">
        {records.data?.map((record) => (
          <li key={record.id} className="flex items-center justify-between gap-4 py-2 text-sm">
            <span className="font-medium">{record.label ?? record.quickbooksId ?? record.hubspotId}</span>
            <span className="text-slate-500">
              {record.quickbooksId && `QuickBooks #${record.quickbooksId}`} {record.hubspotId && `· HubSpot #${record.hubspotId}`}
            </span>
            {record.error && (
              <span
                className="cursor-help rounded bg-red-50 px-2 py-0.5 text-red-700"
                title={`${record.error.explanation}\n\nHow to fix: ${record.error.fix}${record.error.detail ? `\n\n${record.error.detail}` : ""}`}
              >
                {record.error.category}
              </span>
            )}
            {record.excludedReason && <span className="text-slate-500">{record.excludedReason}</span>}
          </li>
        ))}
      </ul>
    </aside>
  );
}
