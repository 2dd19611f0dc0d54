"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/app/_components/ui/button";
import { ErrorState } from "@/app/_components/ui/card";
import { Label } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useToast } from "@/app/_components/ui/toast";
import type { OverviewItem } from "@/app/_lib/api-types";
import { useTRPC } from "@/app/_lib/trpc";
import { useAvailableFields } from "./use-available-fields";

type Fallback = OverviewItem["invoiceSettings"]["serviceDateFallback"];
/** Radix selects take no empty value: this stands for "no property". */
const NO_PROPERTY = "none";
/** Tandem's own properties are hidden from the mapping pickers, so the one it creates for service dates is named here. */
const TANDEM_PROPERTY = /^tandem_/;

const FALLBACKS: { value: Fallback; label: string }[] = [
  { value: "invoice_date", label: "The invoice date" },
  { value: "due_date", label: "The due date" },
  { value: "none", label: "Nothing (the invoice fails with “Revenue recognition” if QuickBooks needs a date)" },
];

/**
 * QuickBooks revenue recognition needs a service date on every line; HubSpot line items have none.
 * The user picks a line-item date property (or has Tandem create one) and what lines without a date get.
 */
export function ServiceDates({ settings, canManage }: { settings: OverviewItem["invoiceSettings"]; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const fields = useAvailableFields({ object: "invoices", collection: "lines" });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sync.overview.queryKey() });
  const save = useMutation(
    trpc.sync.updateSettings.mutationOptions({
      onSuccess: () => toast({ tone: "success", title: "Service date setting saved" }),
      onError: (error) => toast({ tone: "error", title: "The setting wasn't saved", description: error.message }),
      onSettled: refresh,
    }),
  );
  const create = useMutation(
    trpc.sync.createServiceDateProperty.mutationOptions({
      onSuccess: ({ property, created }) =>
        toast({ tone: "success", title: created ? "“Service date” property created in HubSpot" : "“Service date” property chosen", description: `Line items' ${property} now fills QuickBooks' service date.` }),
      onError: (error) => toast({ tone: "error", title: "The property wasn't created", description: error.message }),
      onSettled: refresh,
    }),
  );

  if (fields.isPending) return <Skeleton className="h-24 w-full" />;
  if (fields.isError) return <ErrorState title="HubSpot's line-item properties couldn't be read" message={fields.error.message} onRetry={() => void fields.refetch()} />;
  const dateProperties = fields.data.hubspot.filter((field) => field.kind === "date");
  const current = settings.serviceDateProperty ?? NO_PROPERTY;
  // A chosen property that no longer exists in HubSpot is still shown, so the select never lies.
  const options = [
    { value: NO_PROPERTY, label: "None" },
    ...dateProperties.map((field) => ({ value: field.path, label: `${field.label} (${field.path})` })),
    ...(current !== NO_PROPERTY && !dateProperties.some((field) => field.path === current)
      ? [{ value: current, label: TANDEM_PROPERTY.test(current) ? `Service date (created by Tandem: ${current})` : current }]
      : []),
  ];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex max-w-md min-w-0 flex-col gap-1">
          <Label htmlFor="service-date-property">HubSpot line-item date property</Label>
          <Select
            id="service-date-property"
            value={current}
            disabled={!canManage || save.isPending}
            onValueChange={(property) => save.mutate({ object: "invoices", serviceDateProperty: property === NO_PROPERTY ? "" : property })}
            options={options}
          />
        </div>
        {canManage && (
          <Button variant="secondary" size="sm" disabled={create.isPending} onClick={() => create.mutate()}>
            {create.isPending ? "Creating…" : "Create a “Service date” property in HubSpot"}
          </Button>
        )}
      </div>
      <div className="flex max-w-md min-w-0 flex-col gap-1">
        <Label htmlFor="service-date-fallback">A line without a service date gets</Label>
        <Select
          id="service-date-fallback"
          value={settings.serviceDateFallback}
          disabled={!canManage || save.isPending}
          onValueChange={(serviceDateFallback) => save.mutate({ object: "invoices", serviceDateFallback })}
          options={FALLBACKS}
        />
      </div>
    </div>
  );
}
