"use client";

import { useQuery } from "@tanstack/react-query";
import type { ActivityEntry } from "@/app/_lib/api-types";
import { useTRPC } from "@/app/_lib/trpc";
import { FieldValue, isMultiline } from "./field-value";
import { RecordError } from "./record-error";
import { Badge } from "./ui/badge";
import { ErrorState } from "./ui/card";
import { Skeleton } from "./ui/skeleton";
import { When } from "./when";

function Entry({ entry }: { entry: ActivityEntry }) {
  return (
    <li className="relative border-l-2 border-slate-200 pb-4 pl-4 last:pb-0" data-testid="activity-entry">
      <span aria-hidden className={`absolute top-1.5 -left-[5px] h-2 w-2 rounded-full ${entry.error ? "bg-red-500" : "bg-brand-500"}`} />
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <span className="font-medium text-slate-900">{entry.actionLabel}</span>
        <Badge tone="info">{entry.directionLabel}</Badge>
        <span className="text-xs text-slate-500">
          <When value={entry.at} />
        </span>
      </div>
      {entry.message && <p className="mt-1 text-sm text-slate-600">{entry.message}</p>}
      {entry.changes.length > 0 && (
        <dl className="mt-2 grid grid-cols-1 gap-x-3 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          {entry.changes.map((change) => (
            <div key={change.field} className="contents">
              <dt className="font-medium text-slate-700">{change.label}</dt>
              <dd className="min-w-0 break-words text-slate-700" data-testid="activity-change">
                {isMultiline(change.before, change.after) ? (
                  <>
                    <FieldValue value={change.before} className="text-slate-500 line-through decoration-slate-300" />
                    <span aria-label="changed to" className="block">
                      ↓
                    </span>
                    <FieldValue value={change.after} className="font-medium text-slate-900" />
                  </>
                ) : (
                  <>
                    <FieldValue value={change.before} className="text-slate-500 line-through decoration-slate-300" />
                    <span aria-label="changed to"> → </span>
                    <FieldValue value={change.after} className="font-medium text-slate-900" />
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {entry.error && <RecordError error={entry.error} />}
    </li>
  );
}

/** What happened to one record, newest first: when, which way, what changed (before → after), which error. */
export function ActivityTimeline({ id }: { id: string }) {
  const trpc = useTRPC();
  const record = useQuery({ ...trpc.sync.record.queryOptions({ id }), refetchInterval: 5000 });
  if (record.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading activity" className="space-y-2">
        <Skeleton className="h-4 w-48" />
        <Skeleton className="h-4 w-72 max-w-full" />
      </div>
    );
  }
  if (record.isError) return <ErrorState title="The activity couldn't be loaded" message={record.error.message} onRetry={() => void record.refetch()} />;
  if (record.data.activity.length === 0) return <p className="text-sm text-slate-600">No activity yet: the record hasn&apos;t been synced.</p>;
  return (
    <ol aria-label={`Activity of ${record.data.label ?? "the record"}`} className="space-y-0">
      {record.data.activity.map((entry) => (
        <Entry key={entry.id} entry={entry} />
      ))}
    </ol>
  );
}
