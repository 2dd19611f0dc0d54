"use client";

import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Card, ErrorState } from "@/app/_components/ui/card";
import { Dialog } from "@/app/_components/ui/dialog";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Tabs, TabsList, TabsTrigger } from "@/app/_components/ui/tabs";
import type { RecordState, SyncObject } from "@/app/_lib/api-types";
import { overviewRefreshMs, syncsRunning } from "@/app/_lib/live-status";
import { OBJECT_TEXT, SYNC_OBJECTS } from "@/app/_lib/sync-labels";
import { useTRPC } from "@/app/_lib/trpc";
import { useSyncActions } from "@/app/_lib/use-sync-actions";
import { ObjectCard } from "./object-card";
import { RecordsSheet } from "./records-sheet";
import { useSyncToggle } from "./use-sync-toggle";

type Open = { object: SyncObject; state: RecordState; errorCode?: string };

/** Refresh every 2 seconds while syncs run, every 5 otherwise (changes arrive from both apps at any time). */
export function SyncOverview() {
  const trpc = useTRPC();
  const { retryAll } = useSyncActions();
  const overview = useQuery({ ...trpc.sync.overview.queryOptions(), refetchInterval: (query) => overviewRefreshMs(query.state.data) });
  const me = useQuery(trpc.account.me.queryOptions());
  const canManage = me.data ? me.data.org.role !== "member" : false;
  const [filter, setFilter] = useState<"all" | SyncObject>("all");
  const [open, setOpen] = useState<Open | null>(null);
  // The panel opens from a count, not a Radix trigger: focus goes back to that count when it closes.
  const opener = useRef<HTMLElement | null>(null);
  const { toggle, switchError } = useSyncToggle();

  if (overview.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading the sync overview" className="grid gap-4 md:grid-cols-2">
        {[0, 1, 2, 3].map((i) => (
          <Card key={i} className="space-y-3">
            <Skeleton className="h-6 w-32" />
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-16 w-full" />
          </Card>
        ))}
      </div>
    );
  }
  if (overview.isError) return <ErrorState title="The sync status couldn't be loaded" message={overview.error.message} onRetry={() => void overview.refetch()} />;

  const items = overview.data.filter((item) => filter === "all" || item.object === filter);
  const running = syncsRunning(overview.data);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Tabs value={filter} onValueChange={(value) => setFilter(value as typeof filter)}>
          <TabsList aria-label="Show object">
            <TabsTrigger value="all">All</TabsTrigger>
            {SYNC_OBJECTS.map((object) => (
              <TabsTrigger key={object} value={object}>
                {OBJECT_TEXT[object].title}
              </TabsTrigger>
            ))}
          </TabsList>
        </Tabs>
        <p role="status" className="text-xs text-slate-500" data-testid="live-status">
          {running ? "Syncing… updates every 2 seconds" : "Up to date · refreshes every 5 seconds"}
        </p>
      </div>
      {switchError && (
        <p role="alert" data-testid="sync-error" className="rounded-md bg-red-50 px-4 py-2 text-sm text-red-700">
          {switchError}
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        {items.map((item) => (
          <ObjectCard
            key={item.object}
            item={item}
            canManage={canManage}
            busy={toggle.isPending && toggle.variables?.object === item.object}
            onToggle={(enabled) => toggle.mutate({ object: item.object, enabled })}
            onOpen={(state, errorCode) => {
              opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
              setOpen({ object: item.object, state, errorCode });
            }}
            onRetryAll={(errorCode) => retryAll.mutate({ errorCode, object: item.object })}
            retryingAll={retryAll.isPending}
          />
        ))}
      </div>
      <Dialog open={open !== null} onOpenChange={(isOpen) => !isOpen && setOpen(null)}>
        {open && <RecordsSheet
            object={open.object}
            state={open.state}
            errorCode={open.errorCode}
            canManage={canManage}
            onCloseAutoFocus={(event) => {
              if (!opener.current) return;
              event.preventDefault();
              opener.current.focus();
            }}
          />}
      </Dialog>
    </div>
  );
}
