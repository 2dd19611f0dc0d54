"use client";

import { useQuery } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { useTRPC } from "@/app/_lib/trpc";
import { useToast } from "./ui/toast";

/** How long a retried record is followed before saying it is still waiting (a busy queue, a slow provider). */
const FOLLOW_MS = 90_000;
/** A batch may be large: it is followed for longer before its partial result is told. */
const FOLLOW_BATCH_MS = 300_000;
/** A result naming failed records stays up long enough to read them. */
const READING_MS = 20_000;
/** How many failed records a batch's result names (the rest are counted). */
const NAMED = 5;

interface RecordWatch {
  kind: "record";
  id: string;
  /** Server time the run was queued: an activity entry at or after it is the run's outcome. */
  queuedAt: Date;
  action: "retry" | "resync";
}

interface BatchWatch {
  kind: "batch";
  id: string;
  /** What was asked, as the result's title starts: "Retry of Duplicate name", "Resync of contacts". */
  what: string;
}

type Watch = RecordWatch | BatchWatch;

const WatchContext = createContext<((watch: Watch) => void) | null>(null);

function useFollow(): (watch: Watch) => void {
  const follow = useContext(WatchContext);
  if (!follow) throw new Error("Following a sync's result needs <RetryResults> above it");
  return follow;
}

/** Follows a retried or resynced record until its run is done, then says how it ended. */
export function useFollowRecord(): (watch: Omit<RecordWatch, "kind">) => void {
  const follow = useFollow();
  return useCallback((watch) => follow({ kind: "record", ...watch }), [follow]);
}

/** Follows the records of one "retry all" or resync until each has run, then says how many synced and which failed. */
export function useFollowBatch(): (watch: Omit<BatchWatch, "kind">) => void {
  const follow = useFollow();
  return useCallback((watch) => follow({ kind: "batch", ...watch }), [follow]);
}

function FollowedRecord({ watch, onDone }: { watch: RecordWatch; onDone: (id: string) => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const record = useQuery({ ...trpc.sync.record.queryOptions({ id: watch.id }), refetchInterval: 1500, staleTime: 0 });
  const data = record.data;
  const since = watch.queuedAt.getTime();
  const newest = data?.activity[0];
  const ranSince = (newest && newest.at.getTime() >= since) || (data?.lastSyncedAt && data.lastSyncedAt.getTime() >= since) || (data && data.updatedAt.getTime() >= since);
  const settled = data && data.state !== "pending" && ranSince;

  useEffect(() => {
    if (!settled) return;
    const name = data.label ?? "The record";
    if (data.state === "failed" && data.error) toast({ tone: "error", title: `${name} failed again: ${data.error.category}`, description: data.error.fix });
    else if (data.state === "excluded") toast({ tone: "info", title: `${name} is excluded`, description: data.excludedReason ?? undefined });
    else if (watch.action === "resync") toast({ tone: "success", title: `${name} resynced`, description: "Both sides were read again; they match." });
    else toast({ tone: "success", title: `${name} synced`, description: "The retry went through; both sides match." });
    onDone(watch.id);
  }, [settled, data, toast, onDone, watch.id, watch.action]);

  useEffect(() => {
    const timer = setTimeout(() => {
      toast({ tone: "info", title: `The ${watch.action} is still queued`, description: "Its state updates on the records page when it runs." });
      onDone(watch.id);
    }, FOLLOW_MS);
    return () => clearTimeout(timer);
  }, [toast, onDone, watch.id, watch.action]);
  return null;
}

type Outcome = RouterOutputs["sync"]["batchOutcome"];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "Retry of Duplicate name: 1 synced, 1 failed" and, below, the failed records by name with why. */
function describeOutcome(what: string, outcome: Outcome) {
  const parts = [`${outcome.synced} synced`];
  if (outcome.failed > 0) parts.push(`${outcome.failed} failed`);
  if (outcome.excluded > 0) parts.push(`${outcome.excluded} excluded`);
  if (outcome.waiting > 0) parts.push(`${outcome.waiting} still queued`);
  const named = outcome.failures.slice(0, NAMED).map((f) => `${f.label ?? "A record"} (${f.error?.category ?? "failed"})`);
  const more = outcome.failed - named.length;
  const description =
    outcome.failed > 0
      ? `Still failing: ${named.join(", ")}${more > 0 ? ` and ${plural(more, "more record")}` : ""}. The records page shows each one's fix.`
      : outcome.waiting > 0
        ? "The rest update on the records page as they run."
        : outcome.total === outcome.synced
          ? `All ${plural(outcome.total, "record")} match on both sides.`
          : undefined;
  return { title: `${what}: ${parts.join(", ")}`, description, tone: outcome.failed > 0 ? ("error" as const) : outcome.waiting > 0 ? ("info" as const) : ("success" as const) };
}

function FollowedBatch({ watch, onDone }: { watch: BatchWatch; onDone: (id: string) => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const outcome = useQuery({ ...trpc.sync.batchOutcome.queryOptions({ id: watch.id }), refetchInterval: 2000, staleTime: 0 });
  const data = outcome.data;
  const settled = data && data.waiting === 0;

  useEffect(() => {
    if (!settled) return;
    toast({ ...describeOutcome(watch.what, data), duration: READING_MS });
    onDone(watch.id);
  }, [settled, data, toast, onDone, watch.id, watch.what]);

  // The timer outlives renders: it reads the newest outcome through a ref.
  const latest = useRef<Outcome | undefined>(undefined);
  useEffect(() => {
    latest.current = data;
  }, [data]);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (latest.current) toast({ ...describeOutcome(watch.what, latest.current), duration: READING_MS });
      else toast({ tone: "info", title: `${watch.what}: still queued`, description: "The states update on the records page as the records run." });
      onDone(watch.id);
    }, FOLLOW_BATCH_MS);
    return () => clearTimeout(timer);
  }, [toast, onDone, watch.id, watch.what]);
  return null;
}

/** Lives above the pages, so a run's result is still told after its rows left the list or the page changed. */
export function RetryResults({ children }: { children: ReactNode }) {
  const [watches, setWatches] = useState<Watch[]>([]);
  const follow = useCallback((watch: Watch) => setWatches((all) => [...all.filter((w) => w.id !== watch.id), watch]), []);
  const done = useCallback((id: string) => setWatches((all) => all.filter((w) => w.id !== id)), []);
  const value = useMemo(() => follow, [follow]);
  return (
    <WatchContext.Provider value={value}>
      {children}
      {watches.map((watch) =>
        watch.kind === "record" ? <FollowedRecord key={watch.id} watch={watch} onDone={done} /> : <FollowedBatch key={watch.id} watch={watch} onDone={done} />,
      )}
    </WatchContext.Provider>
  );
}
