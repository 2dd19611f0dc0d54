import type { Metadata } from "next";
import { Suspense } from "react";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { SetupWizard } from "./setup-wizard";

export const metadata: Metadata = { title: "Set up" };

export default function SetupPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Set up your sync</h1>
        <p className="text-sm text-slate-600">Connect both apps, check the QuickBooks company, choose how each object syncs, then start. You can change all of it later.</p>
      </div>
      <Suspense fallback={<Skeleton className="h-64 w-full" />}>
        <SetupWizard />
      </Suspense>
    </div>
  );
}
