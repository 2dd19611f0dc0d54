"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useToast } from "@/app/_components/ui/toast";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { useTRPC } from "@/app/_lib/trpc";

type MappingChange = RouterOutputs["mappings"]["update"];
type ListInput = NonNullable<Parameters<ReturnType<typeof useTRPC>["mappings"]["list"]["queryKey"]>[0]>;

/**
 * Switches a mapping of the list `input` on or off: shown at once, put back with a toast if the
 * server refuses (a mapping that can't be switched off says why); `onChanged` follows a success.
 */
export function useMappingToggle(input: ListInput, onChanged: (change: MappingChange) => Promise<unknown>) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const listKey = trpc.mappings.list.queryKey(input);
  return useMutation(
    trpc.mappings.update.mutationOptions({
      onMutate: async ({ id, enabled }) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const previous = queryClient.getQueryData(listKey);
        queryClient.setQueryData(listKey, (data) => data && { ...data, mappings: data.mappings.map((m) => (m.id === id && enabled !== undefined ? { ...m, enabled } : m)) });
        return { previous };
      },
      onError: (error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(listKey, context.previous);
        toast({ tone: "error", title: "The mapping wasn't changed", description: error.message });
      },
      onSuccess: onChanged,
    }),
  );
}
