"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Card, ErrorState } from "@/app/_components/ui/card";
import { Label } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Switch } from "@/app/_components/ui/switch";
import { useToast } from "@/app/_components/ui/toast";
import type { ConflictWinner, Direction, RouterInputs, SyncObject } from "@/app/_lib/api-types";
import { DIRECTION_TEXT, OBJECT_TEXT } from "@/app/_lib/sync-labels";
import { useTRPC } from "@/app/_lib/trpc";
import { FilterEditor } from "./filter-editor";
import { MappingEditor } from "./mapping-editor";
import { ServiceDates } from "./service-dates";
import { TaxMapping } from "./tax-mapping";

const DIRECTIONS = (["two_way", "to_quickbooks", "to_hubspot"] as const).map((value) => ({ value, label: DIRECTION_TEXT[value].label }));
const WINNERS: { value: ConflictWinner; label: string }[] = [
  { value: "hubspot", label: "Use HubSpot data" },
  { value: "quickbooks", label: "Use QuickBooks Online data" },
];

function Step({ n, title, children, hint }: { n: number; title: string; hint?: string; children: ReactNode }) {
  return (
    <Card aria-labelledby={`step-${n}`}>
      <h3 id={`step-${n}`} className="text-base font-semibold">
        <span className="mr-2 inline-flex h-6 w-6 items-center justify-center rounded-full bg-brand-50 text-xs text-brand-700">{n}</span>
        {title}
      </h3>
      {hint && <p className="mt-1 text-sm text-slate-600">{hint}</p>}
      <div className="mt-3">{children}</div>
    </Card>
  );
}

/** The income account of the "Custom line item" that unmatched invoice lines go to. */
function IncomeAccount({ saved, canManage }: { saved: string | null; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const accounts = useQuery({ ...trpc.sync.incomeAccounts.queryOptions(), staleTime: 10 * 60_000, retry: false });
  // Shown at once while the overview (which reports the saved account) is refreshed.
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const save = useMutation(
    trpc.sync.updateSettings.mutationOptions({
      onSuccess: () => toast({ tone: "success", title: "Income account saved" }),
      onError: (error) => {
        setChosen(undefined);
        toast({ tone: "error", title: "The account wasn't saved", description: error.message });
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.sync.overview.queryKey() }),
    }),
  );
  if (accounts.isPending) return <Skeleton className="h-9 w-64" />;
  if (accounts.isError) return <ErrorState title="The income accounts couldn't be read" message={accounts.error.message} onRetry={() => void accounts.refetch()} />;
  return (
    <div className="flex max-w-md flex-col gap-1">
      <Label htmlFor="income-account">Income account for custom line items</Label>
      <Select
        id="income-account"
        value={chosen ?? saved ?? undefined}
        disabled={!canManage}
        placeholder="Choose an income account"
        onValueChange={(id) => {
          setChosen(id);
          save.mutate({ object: "invoices", customLineItemAccountId: id });
        }}
        options={accounts.data.map((a) => ({ value: a.id, label: a.name }))}
      />
    </div>
  );
}

type UpdateInput = RouterInputs["sync"]["updateSettings"];

/** One object's settings as wizard steps: direction → conflict winner → mapped fields → filters (→ income account). */
export function ObjectSettings({ object, canManage }: { object: SyncObject; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const overviewKey = trpc.sync.overview.queryKey();
  const overview = useQuery(trpc.sync.overview.queryOptions());
  const update = useMutation(
    trpc.sync.updateSettings.mutationOptions({
      onMutate: async (input: UpdateInput) => {
        await queryClient.cancelQueries({ queryKey: overviewKey });
        const previous = queryClient.getQueryData(overviewKey);
        queryClient.setQueryData(overviewKey, (items) =>
          items?.map((item) =>
            item.object === input.object
              ? { ...item, direction: input.direction ?? item.direction, conflictWinner: input.conflictWinner ?? item.conflictWinner, displayNameSuffix: input.displayNameSuffix ?? item.displayNameSuffix }
              : item,
          ),
        );
        return { previous };
      },
      onError: (error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(overviewKey, context.previous);
        toast({ tone: "error", title: "The setting wasn't saved", description: error.message });
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: overviewKey }),
    }),
  );

  if (overview.isPending) return <Skeleton className="h-64 w-full" />;
  if (overview.isError) return <ErrorState title="The settings couldn't be loaded" message={overview.error.message} onRetry={() => void overview.refetch()} />;
  const item = overview.data.find((o) => o.object === object);
  if (!item) return null;
  const title = OBJECT_TEXT[object].title;

  if (object === "payments") {
    return (
      <Card>
        <p className="text-sm text-slate-700">
          Payments have no settings of their own: they sync both ways whenever invoices sync two-way or HubSpot → QuickBooks, and not with QuickBooks → HubSpot
          invoices. A QuickBooks payment becomes a HubSpot payment on the invoice.
        </p>
      </Card>
    );
  }

  return (
    <div className="space-y-4">
      <Step n={1} title="Direction" hint={DIRECTION_TEXT[item.direction].detail}>
        <div className="flex max-w-sm flex-col gap-1">
          <Label htmlFor={`${object}-direction`}>{title} sync</Label>
          <Select id={`${object}-direction`} value={item.direction} disabled={!canManage} onValueChange={(direction: Direction) => update.mutate({ object, direction })} options={DIRECTIONS} />
        </div>
      </Step>
      <Step n={2} title="When both sides changed" hint="Only fields changed on both sides since the last sync follow this choice; other changes are merged field by field.">
        <div className="flex max-w-sm flex-col gap-1">
          <Label htmlFor={`${object}-winner`}>Conflict winner</Label>
          <Select id={`${object}-winner`} value={item.conflictWinner} disabled={!canManage} onValueChange={(conflictWinner: ConflictWinner) => update.mutate({ object, conflictWinner })} options={WINNERS} />
        </div>
        {object === "contacts" && (
          <div className="mt-3 flex items-start gap-3 text-sm">
            <Switch id="display-name-suffix" checked={item.displayNameSuffix} disabled={!canManage} onCheckedChange={(displayNameSuffix) => update.mutate({ object, displayNameSuffix })} />
            <label htmlFor="display-name-suffix">On a duplicate QuickBooks name, add a number (“Acme (2)”) instead of failing</label>
          </div>
        )}
      </Step>
      <Step n={3} title="Mapped fields" hint="The defaults can be switched off; add your own between any HubSpot property and QuickBooks field of a fitting type.">
        <MappingEditor object={object} canManage={canManage} />
        {object === "invoices" && (
          <p className="mt-4 text-sm text-slate-600">
            Each line syncs its product (by SKU) and its tax with the invoice; its description, quantity and unit price follow the switches under Invoice lines.
          </p>
        )}
      </Step>
      <Step n={4} title="Filters" hint="Fixed rules are shown locked with their reason; inbound filters (QuickBooks → HubSpot) are yours to set.">
        <FilterEditor object={object} canManage={canManage} />
      </Step>
      {object === "invoices" && (
        <Step n={5} title="Custom line items" hint="Lines whose product has no matching QuickBooks item (by SKU) go to an item named “Custom line item”, booked to this income account. Changing it books the item there from then on; invoices already in QuickBooks keep theirs.">
          <IncomeAccount saved={item.invoiceSettings.customLineItemAccountId} canManage={canManage} />
        </Step>
      )}
      {object === "invoices" && (
        <Step
          n={6}
          title="Service dates"
          hint="With revenue recognition on, QuickBooks needs a service date on every invoice line. HubSpot line items have none: pick a line-item date property to carry it, and what lines without one get."
        >
          <ServiceDates settings={item.invoiceSettings} canManage={canManage} />
        </Step>
      )}
      {object === "invoices" && (
        <Step n={7} title="Tax" hint="Outside the US, QuickBooks requires a tax code on every invoice line: map HubSpot's tax rates to the company's tax codes.">
          <TaxMapping canManage={canManage} />
        </Step>
      )}
    </div>
  );
}
