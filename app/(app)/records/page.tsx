import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";

export const metadata: Metadata = { title: "Records" };

export default function RecordsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Records</h1>
      <EmptyState title="The record view is on its way">
        Searching every synced record with its activity arrives with invoice sync. Meanwhile, the{" "}
        <Link href="/sync" className="font-medium text-brand-600 hover:underline">
          Sync page
        </Link>{" "}
        lists contacts and products by state, with the reason for every failure.
      </EmptyState>
    </div>
  );
}
