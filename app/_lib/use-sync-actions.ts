"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFollowBatch, useFollowRecord } from "@/app/_components/retry-results";
import { useToast } from "@/app/_components/ui/toast";
import { errorWords } from "./sync-labels";
import { useTRPC } from "./trpc";

/**
 * Retry, resync and "retry all of a code", each saying at once that it was queued and refreshing
 * the lists, then following the records to their outcome: synced, or failed again and why.
 */
export function useSyncActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const followRecord = useFollowRecord();
  const followBatch = useFollowBatch();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.sync.overview.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.sync.records.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.sync.record.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.sync.invoiceStatus.pathKey() }),
    ]);
  const retry = useMutation(
    trpc.sync.retry.mutationOptions({
      onSuccess: ({ linkId, queuedAt }) => {
        toast({ tone: "success", title: "Retry queued", description: "Tandem reads the record again and syncs it; the result shows here when it's done." });
        followRecord({ id: linkId, queuedAt, action: "retry" });
      },
      onError: (error) => toast({ tone: "error", title: "Couldn't retry", description: error.message }),
      onSettled: refresh,
    }),
  );
  const resync = useMutation(
    trpc.sync.resync.mutationOptions({
      onSuccess: ({ linkId, queuedAt }) => {
        toast({ tone: "success", title: "Resync queued", description: "Both sides are read again and the record re-applied; the result shows here when it's done." });
        followRecord({ id: linkId, queuedAt, action: "resync" });
      },
      onError: (error) => toast({ tone: "error", title: "Couldn't resync", description: error.message }),
      onSettled: refresh,
    }),
  );
  const retryAll = useMutation(
    trpc.sync.retryAll.mutationOptions({
      onSuccess: ({ queued, batchId }, { errorCode }) => {
        toast({
          tone: queued > 0 ? "success" : "info",
          title: queued > 0 ? `${queued} record${queued === 1 ? "" : "s"} queued for retry` : "Nothing to retry",
          description: queued > 0 ? "How many synced and which failed again shows here when they're done." : "No failed records have this error any more.",
        });
        if (batchId) followBatch({ id: batchId, what: `Retry of ${errorWords(errorCode)?.category ?? errorCode}` });
      },
      onError: (error) => toast({ tone: "error", title: "Couldn't retry", description: error.message }),
      onSettled: refresh,
    }),
  );
  return { retry, resync, retryAll };
}
