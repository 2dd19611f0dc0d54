"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { RecordError } from "@/app/_components/record-error";
import { RecordLinks } from "@/app/_components/record-links";
import { Button } from "@/app/_components/ui/button";
import { ErrorState } from "@/app/_components/ui/card";
import { SheetContent } from "@/app/_components/ui/dialog";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { When } from "@/app/_components/when";
import type { RecordState, SyncObject } from "@/app/_lib/api-types";
import { OBJECT_TEXT, STATE_TEXT } from "@/app/_lib/sync-labels";
import { useTRPC } from "@/app/_lib/trpc";
import { useSyncActions } from "@/app/_lib/use-sync-actions";

/** The side panel behind an overview count: those records, each failure explained with its fix. */
export function RecordsSheet({
  object,
  state,
  errorCode,
  canManage,
  onCloseAutoFocus,
}: {
  object: SyncObject;
  state: RecordState;
  errorCode?: string;
  canManage: boolean;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  const trpc = useTRPC();
  const { retry } = useSyncActions();
  const records = useInfiniteQuery(
    trpc.sync.records.infiniteQueryOptions(
      { object, state, errorCode, limit: 25 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, refetchInterval: 5000 },
    ),
  );
  const title = `${STATE_TEXT[state].label} ${OBJECT_TEXT[object].title.toLowerCase()}`;
  const items = records.data?.pages.flatMap((page) => page.items) ?? [];
  const recordsHref = `/records?object=${object}&state=${state}${errorCode ? `&errorCode=${errorCode}` : ""}`;

  return (
    <SheetContent title={title} description={OBJECT_TEXT[object].detail} data-testid="records-sheet" onCloseAutoFocus={onCloseAutoFocus}>
      {records.isPending && (
        <div aria-busy="true" aria-label="Loading records" className="space-y-3">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-16 w-full" />
          ))}
        </div>
      )}
      {records.isError && <ErrorState title="The records couldn't be loaded" message={records.error.message} onRetry={() => void records.refetch()} />}
      {records.isSuccess && items.length === 0 && <p className="text-sm text-slate-600">No {STATE_TEXT[state].label.toLowerCase()} {OBJECT_TEXT[object].title.toLowerCase()} right now.</p>}
      <ul aria-label={title} className="divide-y divide-slate-100">
        {items.map((record) => (
          <li key={record.id} className="py-3 text-sm">
            <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
              <span className="min-w-0 font-medium break-words text-slate-900">{record.label ?? `(no name) ${record.quickbooksId ?? record.hubspotId ?? ""}`}</span>
              <span className="text-xs text-slate-500">
                <When value={record.lastSyncedAt} prefix="Synced" />
              </span>
            </div>
            <RecordLinks record={record} className="mt-1" />
            {record.excludedReason && <p className="mt-1 text-slate-600">Left out: {record.excludedReason}</p>}
            {record.error && <RecordError error={record.error} compact />}
            {record.state === "failed" && canManage && (
              <Button size="sm" variant="secondary" className="mt-2" disabled={retry.isPending} onClick={() => retry.mutate({ id: record.id })} aria-label={`Retry ${record.label ?? "record"}`}>
                Retry
              </Button>
            )}
          </li>
        ))}
      </ul>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        {records.hasNextPage && (
          <Button variant="secondary" size="sm" disabled={records.isFetchingNextPage} onClick={() => void records.fetchNextPage()}>
            {records.isFetchingNextPage ? "Loading…" : "Show more"}
          </Button>
        )}
        <Link href={recordsHref} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          Open in the record view
        </Link>
      </div>
    </SheetContent>
  );
}
