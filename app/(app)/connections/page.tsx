import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";
import { OrgGreeting } from "./org-greeting";

export const metadata: Metadata = { title: "Connections" };

export default function ConnectionsPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Connections</h1>
        <OrgGreeting />
      </div>
      <EmptyState title="No accounts connected yet">
        Connecting HubSpot and QuickBooks Online arrives with the connections release. Once both are connected you
        can set up the invoice sync.
      </EmptyState>
    </div>
  );
}
