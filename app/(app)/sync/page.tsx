import type { Metadata } from "next";
import { SyncObjects } from "./sync-objects";

export const metadata: Metadata = { title: "Sync" };

export default function SyncPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Sync</h1>
        <p className="text-sm text-slate-600">
          Contacts and products sync first: invoices need their customers and items on both sides.
        </p>
      </div>
      <SyncObjects />
    </div>
  );
}
