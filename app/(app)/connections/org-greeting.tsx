"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_lib/trpc";

export function OrgGreeting() {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  if (!me.data) return <p className="h-5 text-sm text-slate-500" />;
  return (
    <p className="text-sm text-slate-500" data-testid="org-name">
      {me.data.org.name} · {me.data.org.role}
    </p>
  );
}
