import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";

export const metadata: Metadata = { title: "Sync" };

export default function SyncPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Sync</h1>
      <EmptyState title="Nothing to sync yet">
        Connect HubSpot and QuickBooks Online first; the sync setup and its status will show here.
      </EmptyState>
    </div>
  );
}
