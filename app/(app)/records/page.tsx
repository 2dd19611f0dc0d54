import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";

export const metadata: Metadata = { title: "Records" };

export default function RecordsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Records</h1>
      <EmptyState title="No records synced yet">
        Every contact, product, invoice and payment Tandem syncs will be listed here with its status.
      </EmptyState>
    </div>
  );
}
