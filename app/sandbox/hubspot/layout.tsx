import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { sandboxHubSpotEnabled } from "@/server/sandbox/hubspot/enabled";

export const metadata: Metadata = { title: "HubSpot sandbox" };

export default function SandboxHubSpotLayout({ children }: { children: ReactNode }) {
  if (!sandboxHubSpotEnabled()) notFound();
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-orange-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3">
          <Link href="/sandbox/hubspot" className="text-lg font-bold text-orange-600">
            HubSpot sandbox
          </Link>
          <span className="text-xs text-slate-500">An emulated HubSpot for development and tests</span>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-6">{children}</main>
    </div>
  );
}
