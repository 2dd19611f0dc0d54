"use client";

import { useQuery } from "@tanstack/react-query";
import type { RouterInputs } from "@/app/_lib/api-types";
import { useTRPC } from "@/app/_lib/trpc";

/**
 * Both sides' fields for an object. The server allows 10 reads a minute per org (each one asks
 * HubSpot and QuickBooks), so they are read once per page visit and kept: no refetch on focus or
 * mount, only when the user asks (after adding a custom field in either app).
 */
export function useAvailableFields(input: RouterInputs["mappings"]["availableFields"], enabled = true) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.mappings.availableFields.queryOptions(input),
    enabled,
    staleTime: 30 * 60_000,
    gcTime: 60 * 60_000,
    refetchOnWindowFocus: false,
    refetchOnMount: false,
    retry: false,
  });
}
