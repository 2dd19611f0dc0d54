import { redirect } from "next/navigation";

export default async function CompanyHome({ params }: { params: Promise<{ realmId: string }> }) {
  const { realmId } = await params;
  redirect(`/sandbox/quickbooks/companies/${realmId}/invoices`);
}
