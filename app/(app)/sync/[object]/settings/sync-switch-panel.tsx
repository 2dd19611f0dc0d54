"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, ErrorState } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import type { SyncObject } from "@/app/_lib/api-types";
import { OBJECT_TEXT } from "@/app/_lib/sync-labels";
import { useTRPC } from "@/app/_lib/trpc";
import { effectOf } from "../../sync-effect";
import { SyncSwitch } from "../../sync-switch";
import { useSyncToggle } from "../../use-sync-toggle";

/** The object's sync switched on or off from its settings, with what that does, as on the overview. */
export function SyncSwitchPanel({ object, canManage }: { object: SyncObject; canManage: boolean }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.sync.overview.queryOptions());
  const { toggle, switchError } = useSyncToggle();
  const effectId = `sync-effect-${object}`;

  if (overview.isPending) {
    return (
      <Card aria-busy="true" aria-label="Loading the sync's state" className="space-y-2">
        <Skeleton className="h-6 w-40" />
        <Skeleton className="h-4 w-full" />
      </Card>
    );
  }
  if (overview.isError) return <ErrorState title="The sync's state couldn't be loaded" message={overview.error.message} onRetry={() => void overview.refetch()} />;
  const item = overview.data.find((entry) => entry.object === object)!;
  return (
    <Card aria-labelledby="sync-switch-title" className="space-y-2">
      <div className="flex items-start justify-between gap-3">
        <h2 id="sync-switch-title" className="text-lg font-semibold">
          On or off
        </h2>
        <SyncSwitch
          item={item}
          canManage={canManage}
          busy={toggle.isPending}
          onToggle={(enabled) => toggle.mutate({ object, enabled })}
          effectId={effectId}
          // The direction picker below is "Contacts sync" here.
          label={`Sync ${OBJECT_TEXT[object].title.toLowerCase()}`}
        />
      </div>
      <p id={effectId} data-testid={effectId} className="text-sm text-slate-700">
        {effectOf(item)}
      </p>
      {switchError && (
        <p role="alert" data-testid="sync-error" className="rounded-md bg-red-50 px-4 py-2 text-sm text-red-700">
          {switchError}
        </p>
      )}
    </Card>
  );
}
