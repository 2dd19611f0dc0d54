"use client";

import { formatExact, formatWhen } from "@/app/_lib/sync-labels";

/** A relative time with the exact one in the element's title and machine-readable datetime. */
export function When({ value, prefix }: { value: Date | null | undefined; prefix?: string }) {
  if (!value) return <span className="text-slate-500">{prefix ? `${prefix} never` : "Never"}</span>;
  return (
    <time dateTime={value.toISOString()} title={formatExact(value)} suppressHydrationWarning>
      {prefix ? `${prefix} ` : ""}
      {formatWhen(value)}
    </time>
  );
}
