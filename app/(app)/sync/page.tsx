import type { Metadata } from "next";
import { SyncOverview } from "./sync-overview";

export const metadata: Metadata = { title: "Sync" };

export default function SyncPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Sync</h1>
        <p className="text-sm text-slate-600">
          Contacts and products sync first: invoices need their customers and items on both sides. Choose a count to see those records.
        </p>
      </div>
      <SyncOverview />
    </div>
  );
}
