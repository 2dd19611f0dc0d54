import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { sandboxQuickBooksEnabled } from "@/server/sandbox/quickbooks/enabled";

export const metadata: Metadata = { title: "QuickBooks sandbox" };

export default function SandboxQuickbooksLayout({ children }: { children: ReactNode }) {
  if (!sandboxQuickBooksEnabled()) notFound();
  return (
    <div className="min-h-screen">
      <header className="bg-emerald-700 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 sm:px-6">
          <Link href="/sandbox/quickbooks" className="font-semibold">
            QuickBooks Online · sandbox
          </Link>
          <span className="hidden text-sm text-emerald-100 sm:inline">The emulated outside world Tandem talks to over HTTP</span>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6">{children}</main>
    </div>
  );
}
