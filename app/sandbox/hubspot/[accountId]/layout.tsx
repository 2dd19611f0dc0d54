import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getAccount } from "@/server/sandbox/hubspot/store/accounts";

export const dynamic = "force-dynamic";

export default async function AccountLayout({ children, params }: { children: ReactNode; params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const account = await getAccount(Number(accountId));
  if (!account) notFound();
  const base = `/sandbox/hubspot/${account.id}`;
  return (
    <div className="space-y-6">
      <div className="flex items-center gap-6 border-b border-slate-200 pb-3">
        <span className="font-semibold" data-testid="account-name">
          {account.name} <span className="text-xs font-normal text-slate-500">Hub ID {account.id}</span>
        </span>
        <nav aria-label="Sandbox" className="flex gap-4 text-sm">
          {["contacts", "products", "invoices", "webhooks"].map((section) => (
            <Link key={section} href={`${base}/${section}`} className="capitalize text-slate-700 hover:text-orange-700">
              {section}
            </Link>
          ))}
        </nav>
      </div>
      {children}
    </div>
  );
}
