"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useToast } from "@/app/_components/ui/toast";
import { OBJECT_TEXT } from "@/app/_lib/sync-labels";
import { useTRPC } from "@/app/_lib/trpc";

/** Switching a sync on or off, optimistically in the overview's data (which every switch reads), with the result as a toast. */
export function useSyncToggle() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const overviewKey = trpc.sync.overview.queryKey();
  const [switchError, setSwitchError] = useState<string | null>(null);

  const toggle = useMutation(
    trpc.sync.updateSettings.mutationOptions({
      // Optimistic: the switch moves at once and moves back if the server refuses.
      onMutate: async (input) => {
        setSwitchError(null);
        await queryClient.cancelQueries({ queryKey: overviewKey });
        const previous = queryClient.getQueryData(overviewKey);
        queryClient.setQueryData(overviewKey, (items) =>
          items?.map((item) => (item.object === input.object && input.enabled !== undefined ? { ...item, enabled: input.enabled } : item)),
        );
        return { previous };
      },
      onError: (error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(overviewKey, context.previous);
        setSwitchError(error.message);
        toast({ tone: "error", title: "The sync wasn't changed", description: error.message });
      },
      onSuccess: (result, input) => {
        const title = OBJECT_TEXT[input.object].title;
        toast({
          tone: "success",
          title: result.enabled ? `${title} sync on` : `${title} sync off`,
          description: result.initialSyncStarted ? "The initial sync started; the counts update as it runs." : result.enabled ? undefined : "New changes no longer sync; links are kept.",
        });
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: overviewKey }),
    }),
  );
  return { toggle, switchError };
}
