"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { ErrorState } from "@/app/_components/ui/card";
import { Dialog, DialogContent } from "@/app/_components/ui/dialog";
import { Input, Label } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useToast } from "@/app/_components/ui/toast";
import type { FilterCondition, SyncFilter, SyncObject } from "@/app/_lib/api-types";
import { useTRPC } from "@/app/_lib/trpc";
import { useAvailableFields } from "./use-available-fields";

type Operator = FilterCondition["operator"];

const OPERATORS: { value: Operator; label: string }[] = [
  { value: "eq", label: "is" },
  { value: "neq", label: "is not" },
  { value: "contains", label: "contains" },
  { value: "not_contains", label: "doesn't contain" },
  { value: "gt", label: "is after / greater than" },
  { value: "gte", label: "is on or after / at least" },
  { value: "lt", label: "is before / less than" },
  { value: "lte", label: "is on or before / at most" },
  { value: "is_set", label: "is set" },
  { value: "is_not_set", label: "is empty" },
  { value: "in", label: "is one of (comma-separated)" },
];
const OPERATOR_TEXT = Object.fromEntries(OPERATORS.map((o) => [o.value, o.label])) as Record<Operator, string>;
const TIMESTAMPS = [
  { value: "createdAt", label: "Created" },
  { value: "updatedAt", label: "Last modified" },
];

const TIMESTAMP_TEXT = Object.fromEntries(TIMESTAMPS.map((t) => [t.value, t.label])) as Record<string, string>;

/** The conditions in words ("Created is after / greater than 2026-11-29"). */
function describe(filter: SyncFilter): string {
  const join = filter.match === "all" ? " and " : " or ";
  return filter.conditions.map((c) => `${TIMESTAMP_TEXT[c.field] ?? c.field} ${OPERATOR_TEXT[c.operator]}${c.value ? ` ${c.value}` : ""}`).join(join);
}

/** What a tightened filter does to records already synced. */
const SYNCED_CHECKED_TEXT = "Records already synced are checked against it the next time they change in QuickBooks.";

/** What a loosened filter does to the records it kept out. */
function recheckedText(rechecked: number): string | undefined {
  if (rechecked === 0) return undefined;
  return `${rechecked} record${rechecked === 1 ? "" : "s"} it kept out ${rechecked === 1 ? "is" : "are"} checked again and sync if they match now.`;
}

function ConditionDialog({ object, filter, onDone }: { object: SyncObject; filter: SyncFilter | null; onDone: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const fields = useAvailableFields({ object, collection: "" });
  const first = filter?.conditions[0];
  const [field, setField] = useState(first?.field ?? "createdAt");
  const [operator, setOperator] = useState<Operator>(first?.operator ?? "gt");
  const [value, setValue] = useState(first?.value ?? "");
  const [error, setError] = useState<string | null>(null);
  const onError = (e: { message: string }) => setError(e.message);
  const create = useMutation(
    trpc.filters.create.mutationOptions({
      onSuccess: () => {
        toast({ tone: "success", title: "Filter added", description: SYNCED_CHECKED_TEXT });
        onDone();
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.filters.update.mutationOptions({
      onSuccess: ({ rechecked }) => {
        toast({ tone: "success", title: "Filter saved", description: [recheckedText(rechecked), SYNCED_CHECKED_TEXT].filter(Boolean).join(" ") });
        onDone();
      },
      onError,
    }),
  );
  const needsValue = operator !== "is_set" && operator !== "is_not_set";
  const fieldOptions = [...TIMESTAMPS, ...(fields.data?.quickbooks ?? []).map((f) => ({ value: f.path, label: f.label }))];

  function save() {
    const conditions = [{ field, operator, value: needsValue ? value : undefined }];
    if (filter) update.mutate({ id: filter.id, conditions });
    else create.mutate({ object, direction: "to_hubspot", conditions });
  }

  return (
    <DialogContent title={filter ? "Edit inbound filter" : "Add an inbound filter"} description="Only QuickBooks records that match sync to HubSpot. Dates are YYYY-MM-DD.">
      <div className="space-y-4">
        <div className="flex flex-col gap-1">
          <Label htmlFor="filter-field">QuickBooks field</Label>
          <Select id="filter-field" value={field} onValueChange={setField} options={fieldOptions} />
          {fields.isPending && <p className="text-xs text-slate-500">Reading QuickBooks fields…</p>}
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="filter-operator">Condition</Label>
          <Select id="filter-operator" value={operator} onValueChange={setOperator} options={OPERATORS} />
        </div>
        {needsValue && (
          <div className="flex flex-col gap-1">
            <Label htmlFor="filter-value">Value</Label>
            <Input id="filter-value" value={value} onChange={(e) => setValue(e.target.value)} />
          </div>
        )}
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
          <Button onClick={save} disabled={create.isPending || update.isPending}>
            Save filter
          </Button>
        </div>
      </div>
    </DialogContent>
  );
}

/** Locked filters with their reason; inbound ones to add, edit and delete; "created after today" in one click. */
export function FilterEditor({ object, canManage }: { object: SyncObject; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const listKey = trpc.filters.list.queryKey({ object });
  const list = useQuery(trpc.filters.list.queryOptions({ object }));
  const [editing, setEditing] = useState<SyncFilter | "new" | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: listKey });
  const createdAfterToday = useMutation(
    trpc.filters.createdAfterToday.mutationOptions({
      onSuccess: ({ filter, created }) => {
        toast({ tone: "success", title: created ? `Added: ${filter.label ?? "created after today"}` : "That filter is already there" });
        return refresh();
      },
      onError: (error) => toast({ tone: "error", title: "The filter wasn't added", description: error.message }),
    }),
  );
  const remove = useMutation(
    trpc.filters.delete.mutationOptions({
      onSuccess: ({ rechecked }) => {
        toast({ tone: "success", title: "Filter deleted", description: recheckedText(rechecked) });
        return refresh();
      },
      onError: (error) => toast({ tone: "error", title: "The filter wasn't deleted", description: error.message }),
    }),
  );

  if (list.isPending) return <Skeleton className="h-24 w-full" />;
  if (list.isError) return <ErrorState title="The filters couldn't be loaded" message={list.error.message} onRetry={() => void list.refetch()} />;
  const inbound = list.data.filter((f) => !f.locked);
  const locked = list.data.filter((f) => f.locked);

  return (
    <div className="space-y-3">
      {locked.length > 0 && (
        <ul aria-label="Fixed filters" className="space-y-2">
          {locked.map((filter) => (
            <li key={filter.id} data-testid="locked-filter" className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
              <p className="flex flex-wrap items-center gap-2 font-medium text-slate-800">
                <Badge tone="neutral">
                  <span aria-hidden>🔒</span>&nbsp;Locked
                </Badge>
                {filter.label ?? describe(filter)}
              </p>
              {filter.reason && <p className="mt-1 text-slate-600">{filter.reason}</p>}
            </li>
          ))}
        </ul>
      )}
      <ul aria-label="Inbound filters" className="space-y-2">
        {inbound.map((filter) => (
          <li key={filter.id} data-testid="inbound-filter" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3 text-sm">
            <span className="min-w-0 break-words">
              <span className="font-medium" data-testid="filter-headline">
                {filter.label ?? describe(filter)}
              </span>
              {filter.label && <span className="block text-xs text-slate-500">{describe(filter)}</span>}
            </span>
            {canManage && (
              <span className="flex gap-1">
                <Button size="sm" variant="ghost" onClick={() => setEditing(filter)} aria-label={`Edit filter ${filter.label ?? describe(filter)}`}>
                  Edit
                </Button>
                <Button size="sm" variant="ghost" className="text-red-700" disabled={remove.isPending} onClick={() => remove.mutate({ id: filter.id })} aria-label={`Delete filter ${filter.label ?? describe(filter)}`}>
                  Delete
                </Button>
              </span>
            )}
          </li>
        ))}
        {inbound.length === 0 && <li className="text-sm text-slate-600">No inbound filters: every QuickBooks record syncs to HubSpot.</li>}
      </ul>
      {canManage && (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" disabled={createdAfterToday.isPending} onClick={() => createdAfterToday.mutate({ object })}>
            Only records created after today (recommended)
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setEditing("new")}>
            Add a filter
          </Button>
        </div>
      )}
      <Dialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        {editing && (
          <ConditionDialog
            object={object}
            filter={editing === "new" ? null : editing}
            onDone={() => {
              setEditing(null);
              void refresh();
            }}
          />
        )}
      </Dialog>
    </div>
  );
}
