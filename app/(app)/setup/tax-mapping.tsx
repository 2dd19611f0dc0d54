"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { ErrorState } from "@/app/_components/ui/card";
import { Label } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useToast } from "@/app/_components/ui/toast";
import { fieldErrorsOf, type FieldErrors } from "@/app/_lib/field-errors";
import { useTRPC } from "@/app/_lib/trpc";

type Mode = "exclusive" | "inclusive";
const MODES: { value: Mode; label: string }[] = [
  { value: "exclusive", label: "Amounts exclude tax (QuickBooks adds it)" },
  { value: "inclusive", label: "Amounts include tax (QuickBooks backs it out)" },
];

interface Draft {
  mode: Mode;
  defaultCodeId: string | undefined;
  rates: Record<string, string>;
}

/**
 * A non-US QuickBooks company needs a tax code on every invoice line: each HubSpot tax rate maps
 * to one of the company's codes, and lines without a rate get the default code.
 */
export function TaxMapping({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const status = useQuery({ ...trpc.sync.taxMapping.queryOptions(), retry: false });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation(
    trpc.sync.saveTaxMapping.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.sync.taxMapping.queryKey(), saved);
        void queryClient.invalidateQueries({ queryKey: trpc.sync.preflight.queryKey() });
        setDraft(null);
        setErrors({});
        toast({ tone: "success", title: saved.gaps.length ? "Tax mapping saved, still incomplete" : "Tax mapping saved" });
      },
      onError: (error) => {
        setErrors(fieldErrorsOf(error));
        toast({ tone: "error", title: "The tax mapping wasn't saved", description: error.message });
      },
    }),
  );

  if (status.isPending) return <Skeleton className="h-24 w-full" />;
  if (status.isError) return <ErrorState title="The tax rates and codes couldn't be read" message={status.error.message} onRetry={() => void status.refetch()} />;
  const data = status.data;
  if (!data.required) {
    return <p className="text-sm text-slate-700">The QuickBooks company is in {data.country}: invoice lines need no tax codes, so there is nothing to map.</p>;
  }
  const current: Draft = draft ?? { mode: data.mapping.mode, defaultCodeId: data.mapping.defaultCodeId ?? undefined, rates: data.mapping.rates };
  const codes = data.quickbooksCodes.filter((c) => c.active).map((c) => ({ value: c.id, label: `${c.name} (${c.percentage} %)` }));
  const edit = (change: Partial<Draft>) => setDraft({ ...current, ...change });

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        The QuickBooks company is in {data.country}, where every invoice line needs a tax code. QuickBooks computes the tax; Tandem checks its total against
        HubSpot&apos;s and fails the invoice with “Tax totals differ” when they differ by more than a cent.
      </p>
      {data.gaps.length > 0 && (
        <ul aria-label="Missing from the tax mapping" className="list-disc space-y-1 pl-5 text-sm text-amber-800">
          {data.gaps.map((gap) => (
            <li key={gap}>{gap}</li>
          ))}
        </ul>
      )}
      <table className="w-full max-w-2xl text-sm">
        <thead>
          <tr className="text-left text-slate-600">
            <th className="py-1 font-medium">HubSpot tax rate</th>
            <th className="py-1 font-medium">QuickBooks tax code</th>
          </tr>
        </thead>
        <tbody>
          {data.hubspotRates.map((rate) => (
            <tr key={rate.id} className="align-top">
              <td className="py-1 pr-3">
                <label htmlFor={`tax-rate-${rate.id}`}>
                  {rate.name} ({rate.percentage} %){rate.active ? "" : " — inactive"}
                </label>
              </td>
              <td className="py-1">
                <Select
                  id={`tax-rate-${rate.id}`}
                  value={current.rates[rate.id]}
                  disabled={!canManage}
                  placeholder="Choose a tax code"
                  onValueChange={(code) => edit({ rates: { ...current.rates, [rate.id]: code } })}
                  options={codes}
                />
                {errors[`rates.${rate.id}`]?.map((message) => (
                  <p key={message} role="alert" className="mt-1 text-xs text-red-700">
                    {message}
                  </p>
                ))}
              </td>
            </tr>
          ))}
          {data.hubspotRates.length === 0 && (
            <tr>
              <td colSpan={2} className="py-1 text-slate-600">
                The HubSpot account has no tax rates yet (Settings → Tax rates); every line gets the default code.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="flex max-w-md flex-col gap-1">
        <Label htmlFor="tax-default-code">Tax code for lines without a HubSpot tax rate</Label>
        <Select
          id="tax-default-code"
          value={current.defaultCodeId}
          disabled={!canManage}
          placeholder="Choose a tax code"
          onValueChange={(defaultCodeId) => edit({ defaultCodeId })}
          options={codes}
        />
        {errors.defaultCodeId?.map((message) => (
          <p key={message} role="alert" className="text-xs text-red-700">
            {message}
          </p>
        ))}
      </div>
      <div className="flex max-w-md flex-col gap-1">
        <Label htmlFor="tax-mode">Line amounts sent to QuickBooks</Label>
        <Select id="tax-mode" value={current.mode} disabled={!canManage} onValueChange={(mode: Mode) => edit({ mode })} options={MODES} />
      </div>
      {canManage && (
        <Button
          disabled={save.isPending || !current.defaultCodeId}
          onClick={() =>
            save.mutate({
              mode: current.mode,
              defaultCodeId: current.defaultCodeId ?? "",
              rates: Object.entries(current.rates).map(([hubspotTaxRateId, quickbooksTaxCodeId]) => ({ hubspotTaxRateId, quickbooksTaxCodeId })),
            })
          }
        >
          {save.isPending ? "Saving…" : "Save tax mapping"}
        </Button>
      )}
    </div>
  );
}
