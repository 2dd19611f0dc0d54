import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { companyView } from "@/server/sandbox/quickbooks/ui/service";

const SECTIONS = [
  ["invoices", "Invoices"],
  ["customers", "Customers"],
  ["items", "Products and services"],
  ["settings", "Settings"],
  ["webhooks", "Webhooks"],
] as const;

export default async function CompanyLayout({ children, params }: { children: ReactNode; params: Promise<{ realmId: string }> }) {
  const { realmId } = await params;
  const company = await companyView(realmId);
  if (!company) notFound();
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-x-4">
        <h1 className="text-2xl font-semibold">{company.name}</h1>
        <span className="text-sm text-slate-500">
          {company.country} · realm {company.realmId}
        </span>
      </div>
      <nav aria-label="Company" className="mb-6 flex gap-4 overflow-x-auto whitespace-nowrap border-b border-slate-200 text-sm">
        {SECTIONS.map(([segment, label]) => (
          <Link key={segment} href={`/sandbox/quickbooks/companies/${realmId}/${segment}`} className="pb-2 text-slate-700 hover:text-emerald-700">
            {label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
