"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFollowRetry } from "@/app/_components/retry-results";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "./trpc";

/** Retry, resync and "retry all of a code", each reporting its result as a toast and refreshing the lists; a retried record's outcome follows when its run is done. */
export function useSyncActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const follow = useFollowRetry();
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
        follow({ id: linkId, queuedAt });
      },
      onError: (error) => toast({ tone: "error", title: "Couldn't retry", description: error.message }),
      onSettled: refresh,
    }),
  );
  const resync = useMutation(
    trpc.sync.resync.mutationOptions({
      onSuccess: () => toast({ tone: "success", title: "Resync queued", description: "Both sides are read again and the record re-applied, even if nothing changed." }),
      onError: (error) => toast({ tone: "error", title: "Couldn't resync", description: error.message }),
      onSettled: refresh,
    }),
  );
  const retryAll = useMutation(
    trpc.sync.retryAll.mutationOptions({
      onSuccess: ({ queued }) =>
        toast({
          tone: queued > 0 ? "success" : "info",
          title: queued > 0 ? `${queued} record${queued === 1 ? "" : "s"} queued for retry` : "Nothing to retry",
          description: queued > 0 ? "Their states update here as they sync." : "No failed records have this error any more.",
        }),
      onError: (error) => toast({ tone: "error", title: "Couldn't retry", description: error.message }),
      onSettled: refresh,
    }),
  );
  return { retry, resync, retryAll };
}
