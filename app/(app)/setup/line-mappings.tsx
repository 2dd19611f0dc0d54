"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorState } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Switch } from "@/app/_components/ui/switch";
import type { RouterOutputs } from "@/app/_lib/api-types";
import { useTRPC } from "@/app/_lib/trpc";
import { useMappingToggle } from "./use-mapping-toggle";

type MappingChange = RouterOutputs["mappings"]["update"];

/**
 * The parts of an invoice line that sync, each with its switch: what switching one off does is
 * said beside it, and a part that can't be switched off says why.
 */
export function LineMappings({ canManage, onChanged }: { canManage: boolean; onChanged: (change: MappingChange) => Promise<unknown> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { object: "invoices" as const, collection: "lines" as const };
  const list = useQuery(trpc.mappings.list.queryOptions(input));
  const toggle = useMappingToggle(input, async (change) => {
    await queryClient.invalidateQueries({ queryKey: trpc.mappings.list.queryKey(input) });
    return onChanged(change);
  });

  if (list.isPending) return <Skeleton className="h-24 w-full" />;
  if (list.isError) return <ErrorState title="The line mappings couldn't be loaded" message={list.error.message} onRetry={() => void list.refetch()} />;

  const [first] = list.data.mappings;
  return (
    <section aria-labelledby="line-mappings-title" className="space-y-2">
      <h3 id="line-mappings-title" className="text-sm font-medium text-slate-900">
        Invoice lines
      </h3>
      <p className="text-xs text-slate-600">Each line syncs its item (by SKU), and its service date and tax code where those are set up. {first?.fixedDirection}</p>
      <ul aria-label="Line fields" className="divide-y divide-slate-100 rounded-lg border border-slate-200">
        {list.data.mappings.map((mapping) => (
          <li key={mapping.id} data-testid="line-mapping-row" className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2 text-sm">
            <div className="min-w-0 flex-1">
              <p className="font-medium break-words text-slate-900">{mapping.label}</p>
              <p className="text-xs break-all text-slate-500">
                HubSpot line item {mapping.hubspotField} ↔ QuickBooks line {mapping.quickbooksPath}
              </p>
              {mapping.alwaysOn && <p className="mt-1 text-xs text-slate-600">{mapping.alwaysOn}</p>}
              {!mapping.enabled && mapping.whenOff && <p className="mt-1 text-xs text-amber-800">{mapping.whenOff}</p>}
            </div>
            <Switch
              aria-label={`Sync ${mapping.label.toLowerCase()}`}
              checked={mapping.enabled}
              disabled={!canManage || Boolean(mapping.alwaysOn) || toggle.isPending}
              onCheckedChange={(enabled) => toggle.mutate({ id: mapping.id, enabled })}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
