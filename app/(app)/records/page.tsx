import type { Metadata } from "next";
import { Suspense } from "react";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { RecordsTable } from "./records-table";

export const metadata: Metadata = { title: "Records" };

export default function RecordsPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Records</h1>
        <p className="text-sm text-slate-600">Every synced record across objects. Open a row to see what happened to it, field by field.</p>
      </div>
      <Suspense fallback={<Skeleton className="h-64 w-full" />}>
        <RecordsTable />
      </Suspense>
    </div>
  );
}
