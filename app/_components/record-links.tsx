import type { RecordItem } from "@/app/_lib/api-types";
import { cn, focusRing } from "./ui/cn";

const linkClass = cn("inline-flex items-center gap-1 rounded font-medium text-brand-700 underline-offset-2 hover:underline", focusRing);

/** The record's page in HubSpot and in QuickBooks (a new tab), or why there is none. */
export function RecordLinks({ record, className }: { record: Pick<RecordItem, "hubspotId" | "quickbooksId" | "urls" | "label">; className?: string }) {
  const name = record.label ?? "record";
  return (
    <span className={cn("inline-flex flex-wrap gap-x-3 gap-y-1 text-sm", className)}>
      {record.urls.hubspot ? (
        <a href={record.urls.hubspot} target="_blank" rel="noreferrer" className={linkClass} aria-label={`Open ${name} in HubSpot (new tab)`}>
          HubSpot ↗
        </a>
      ) : (
        <span className="text-slate-400">{record.hubspotId ? `HubSpot ${record.hubspotId}` : "Not in HubSpot"}</span>
      )}
      {record.urls.quickbooks ? (
        <a href={record.urls.quickbooks} target="_blank" rel="noreferrer" className={linkClass} aria-label={`Open ${name} in QuickBooks (new tab)`}>
          QuickBooks ↗
        </a>
      ) : (
        <span className="text-slate-400">{record.quickbooksId ? `QuickBooks ${record.quickbooksId}` : "Not in QuickBooks"}</span>
      )}
    </span>
  );
}
