"use client";

import { useQuery } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { useToast } from "./ui/toast";

/** How long a retried record is followed before saying it is still waiting (a busy queue, a slow provider). */
const FOLLOW_MS = 90_000;

interface Watch {
  id: string;
  /** Server time the retry was queued: an activity entry at or after it is the retry's outcome. */
  queuedAt: Date;
}

const WatchContext = createContext<((watch: Watch) => void) | null>(null);

/** Follows a retried record until its run is done, then says how it ended. */
export function useFollowRetry(): (watch: Watch) => void {
  const follow = useContext(WatchContext);
  if (!follow) throw new Error("useFollowRetry needs <RetryResults> above it");
  return follow;
}

function FollowedRecord({ watch, onDone }: { watch: Watch; onDone: (id: string) => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const record = useQuery({ ...trpc.sync.record.queryOptions({ id: watch.id }), refetchInterval: 1500, staleTime: 0 });
  const data = record.data;
  const since = watch.queuedAt.getTime();
  const newest = data?.activity[0];
  const ranSince = (newest && newest.at.getTime() >= since) || (data?.lastSyncedAt && data.lastSyncedAt.getTime() >= since);
  const settled = data && data.state !== "pending" && ranSince;

  useEffect(() => {
    if (!settled) return;
    const name = data.label ?? "The record";
    if (data.state === "failed" && data.error) toast({ tone: "error", title: `${name} failed again: ${data.error.category}`, description: data.error.fix });
    else toast({ tone: "success", title: `${name} synced`, description: "The retry went through; both sides match." });
    onDone(watch.id);
  }, [settled, data, toast, onDone, watch.id]);

  useEffect(() => {
    const timer = setTimeout(() => {
      toast({ tone: "info", title: "The retry is still queued", description: "Its state updates on the records page when it runs." });
      onDone(watch.id);
    }, FOLLOW_MS);
    return () => clearTimeout(timer);
  }, [toast, onDone, watch.id]);
  return null;
}

/** Lives above the pages, so a retried record's result is still told after its row left the list. */
export function RetryResults({ children }: { children: ReactNode }) {
  const [watches, setWatches] = useState<Watch[]>([]);
  const follow = useCallback((watch: Watch) => setWatches((all) => [...all.filter((w) => w.id !== watch.id), watch]), []);
  const done = useCallback((id: string) => setWatches((all) => all.filter((w) => w.id !== id)), []);
  const value = useMemo(() => follow, [follow]);
  return (
    <WatchContext.Provider value={value}>
      {children}
      {watches.map((watch) => (
        <FollowedRecord key={watch.id} watch={watch} onDone={done} />
      ))}
    </WatchContext.Provider>
  );
}
