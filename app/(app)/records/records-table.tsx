"use client";

import { useQuery } from "@tanstack/react-query";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type VisibilityState } from "@tanstack/react-table";
import Link from "next/link";
import { Fragment, useEffect, useMemo, useState } from "react";
import { ActivityTimeline } from "@/app/_components/activity-timeline";
import { RecordError } from "@/app/_components/record-error";
import { RecordLinks } from "@/app/_components/record-links";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { ErrorState } from "@/app/_components/ui/card";
import { cn, focusRing } from "@/app/_components/ui/cn";
import { DropdownMenu, DropdownMenuCheckboxItem, DropdownMenuContent, DropdownMenuTrigger } from "@/app/_components/ui/dropdown-menu";
import { Input, Label } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { When } from "@/app/_components/when";
import type { RecordItem, RecordSort, RecordState, SyncObject } from "@/app/_lib/api-types";
import { OBJECT_TEXT, STATES, STATE_TEXT, SYNC_OBJECTS } from "@/app/_lib/sync-labels";
import { useTRPC } from "@/app/_lib/trpc";
import { usePersistedState } from "@/app/_lib/use-persisted-state";
import { useUrlQuery } from "@/app/_lib/use-url-query";
import { useSyncActions } from "@/app/_lib/use-sync-actions";

const PAGE_SIZE = 25;
const COLUMNS_KEY = "tandem.records.columns";
const DEFAULT_VISIBILITY: VisibilityState = { updatedAt: false, hubspotId: false, quickbooksId: false };

const SORTS: { value: RecordSort; label: string }[] = [
  { value: "updated_desc", label: "Recently changed first" },
  { value: "updated_asc", label: "Oldest change first" },
  { value: "label_asc", label: "Name A → Z" },
  { value: "label_desc", label: "Name Z → A" },
];

interface Filters {
  object?: SyncObject;
  state?: RecordState;
  errorCode?: string;
  text?: string;
  sort: RecordSort;
}

function readFilters(params: URLSearchParams): Filters {
  const object = params.get("object");
  const state = params.get("state");
  const sort = params.get("sort");
  return {
    object: SYNC_OBJECTS.includes(object as SyncObject) ? (object as SyncObject) : undefined,
    state: STATES.includes(state as RecordState) ? (state as RecordState) : undefined,
    errorCode: params.get("errorCode") || undefined,
    text: params.get("text") || undefined,
    sort: SORTS.some((s) => s.value === sort) ? (sort as RecordSort) : "updated_desc",
  };
}

function RowActions({ record, canManage }: { record: RecordItem; canManage: boolean }) {
  const { retry, resync } = useSyncActions();
  const name = record.label ?? "record";
  if (!canManage) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {record.state === "failed" && (
        <Button size="sm" variant="secondary" disabled={retry.isPending} onClick={() => retry.mutate({ id: record.id })} aria-label={`Retry ${name}`}>
          Retry
        </Button>
      )}
      {(record.state === "synced" || record.state === "failed") && (
        <Button size="sm" variant="ghost" disabled={resync.isPending} onClick={() => resync.mutate({ id: record.id })} aria-label={`Resync ${name}`}>
          Resync
        </Button>
      )}
    </div>
  );
}

export function RecordsTable() {
  const trpc = useTRPC();
  const [query, changeQuery] = useUrlQuery();
  const filters = readFilters(query);
  const filterKey = JSON.stringify(filters);
  const me = useQuery(trpc.account.me.queryOptions());
  const canManage = me.data ? me.data.org.role !== "member" : false;
  const overview = useQuery(trpc.sync.overview.queryOptions());
  const { retryAll } = useSyncActions();

  // Keyset pagination: the cursors of the pages before this one (Previous pops, Next pushes).
  const [pages, setPages] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: filterKey, cursors: [undefined] });
  const cursors = pages.key === filterKey ? pages.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];
  const [textDraft, setTextDraft] = useState(filters.text ?? "");
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const [visibility, setVisibility] = usePersistedState<VisibilityState>(COLUMNS_KEY, DEFAULT_VISIBILITY);

  const records = useQuery({
    ...trpc.sync.records.queryOptions({ ...filters, cursor, limit: PAGE_SIZE }),
    placeholderData: (previous) => previous,
    refetchInterval: 5000,
  });

  // Builds on the newest filters, not this render's: the search box's timer may fire after another filter changed.
  function setFilter(patch: Partial<Filters>) {
    changeQuery((next) => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined || value === "" || (key === "sort" && value === "updated_desc")) next.delete(key);
        else next.set(key, String(value));
      }
    });
  }

  // The search box applies a moment after typing stops.
  useEffect(() => {
    if ((filters.text ?? "") === textDraft) return;
    const timer = setTimeout(() => setFilter({ text: textDraft.trim() || undefined }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the draft drives the debounce
  }, [textDraft]);

  const errorCodes = useMemo(() => {
    const codes = new Map<string, string>();
    for (const item of overview.data ?? []) for (const failure of item.failedByCode) codes.set(failure.code, failure.category);
    if (filters.errorCode && !codes.has(filters.errorCode)) codes.set(filters.errorCode, filters.errorCode);
    return [...codes.entries()].map(([value, category]) => ({ value, label: `${category} (${value})` }));
  }, [overview.data, filters.errorCode]);

  const columns = useMemo<ColumnDef<RecordItem>[]>(
    () => [
      {
        id: "expand",
        header: () => <span className="sr-only">Activity</span>,
        enableHiding: false,
        cell: ({ row }) => (
          <button
            type="button"
            onClick={() => setExpanded((all) => ({ ...all, [row.original.id]: !all[row.original.id] }))}
            aria-expanded={Boolean(expanded[row.original.id])}
            aria-controls={`activity-${row.original.id}`}
            aria-label={`${expanded[row.original.id] ? "Hide" : "Show"} activity of ${row.original.label ?? "record"}`}
            className={cn("rounded p-1 text-slate-500 hover:bg-slate-100", focusRing)}
          >
            <svg aria-hidden viewBox="0 0 16 16" className={cn("h-4 w-4 transition-transform", expanded[row.original.id] && "rotate-90")} fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M6 3l5 5-5 5" />
            </svg>
          </button>
        ),
      },
      {
        id: "label",
        header: "Record",
        enableHiding: false,
        cell: ({ row }) => (
          <div className="min-w-40">
            <Link href={`/records/${row.original.id}`} className={cn("rounded font-medium text-slate-900 underline-offset-2 hover:underline", focusRing)}>
              {row.original.label ?? "(no name)"}
            </Link>
            {row.original.excludedReason && <p className="text-xs text-slate-500">Left out: {row.original.excludedReason}</p>}
          </div>
        ),
      },
      { id: "object", header: "Object", cell: ({ row }) => OBJECT_TEXT[row.original.object].title },
      {
        id: "state",
        header: "State",
        cell: ({ row }) => (
          <div className="space-y-1">
            <Badge tone={STATE_TEXT[row.original.state].tone}>{STATE_TEXT[row.original.state].label}</Badge>
            {row.original.error && <p className="text-xs font-medium text-red-700">{row.original.error.category}</p>}
          </div>
        ),
      },
      { id: "links", header: "Open in", cell: ({ row }) => <RecordLinks record={row.original} className="min-w-36" /> },
      { id: "hubspotId", header: "HubSpot ID", cell: ({ row }) => row.original.hubspotId ?? "—" },
      { id: "quickbooksId", header: "QuickBooks ID", cell: ({ row }) => row.original.quickbooksId ?? "—" },
      { id: "lastSyncedAt", header: "Last synced", cell: ({ row }) => <When value={row.original.lastSyncedAt} /> },
      { id: "updatedAt", header: "Changed", cell: ({ row }) => <When value={row.original.updatedAt} /> },
      { id: "actions", header: () => <span className="sr-only">Actions</span>, enableHiding: false, cell: ({ row }) => <RowActions record={row.original} canManage={canManage} /> },
    ],
    [expanded, canManage],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table v8 is the table the issue asks for; this component is not memoized by the compiler
  const table = useReactTable({
    data: records.data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    state: { columnVisibility: visibility },
    onColumnVisibilityChange: (updater) => setVisibility(typeof updater === "function" ? updater(visibility) : updater),
    manualPagination: true,
    manualSorting: true,
  });

  const failedCategory = filters.errorCode ? errorCodes.find((code) => code.value === filters.errorCode)?.label : undefined;
  const columnCount = table.getVisibleLeafColumns().length;

  return (
    <div className="space-y-4">
      <form role="search" aria-label="Filter records" onSubmit={(event) => event.preventDefault()} className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor="records-text">Search</Label>
          <Input id="records-text" type="search" placeholder="Name, email or ID" value={textDraft} onChange={(event) => setTextDraft(event.target.value)} />
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor="records-object">Object</Label>
          <Select
            id="records-object"
            value={filters.object ?? "all"}
            onValueChange={(value) => setFilter({ object: value === "all" ? undefined : (value as SyncObject) })}
            options={[{ value: "all", label: "All objects" }, ...SYNC_OBJECTS.map((object) => ({ value: object, label: OBJECT_TEXT[object].title }))]}
          />
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor="records-state">State</Label>
          <Select
            id="records-state"
            value={filters.state ?? "all"}
            onValueChange={(value) => setFilter({ state: value === "all" ? undefined : (value as RecordState) })}
            options={[{ value: "all", label: "All states" }, ...STATES.map((state) => ({ value: state, label: STATE_TEXT[state].label }))]}
          />
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor="records-error">Error</Label>
          <Select
            id="records-error"
            value={filters.errorCode ?? "all"}
            onValueChange={(value) => setFilter({ errorCode: value === "all" ? undefined : value })}
            options={[{ value: "all", label: "Any error" }, ...errorCodes]}
          />
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor="records-sort">Sort</Label>
          <Select id="records-sort" value={filters.sort} onValueChange={(value) => setFilter({ sort: value })} options={SORTS} />
        </div>
      </form>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p role="status" className="text-sm text-slate-600" data-testid="records-summary">
          {records.data ? `Page ${cursors.length} · ${records.data.items.length} record${records.data.items.length === 1 ? "" : "s"}` : "Loading…"}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          {filters.errorCode && canManage && (
            <Button variant="secondary" size="sm" disabled={retryAll.isPending} onClick={() => retryAll.mutate({ errorCode: filters.errorCode!, object: filters.object })}>
              Retry all: {failedCategory ?? filters.errorCode}
            </Button>
          )}
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="secondary" size="sm">
                Columns
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent label="Show columns">
              {table
                .getAllLeafColumns()
                .filter((column) => column.getCanHide())
                .map((column) => (
                  <DropdownMenuCheckboxItem key={column.id} checked={column.getIsVisible()} onCheckedChange={(checked) => column.toggleVisibility(checked)}>
                    {typeof column.columnDef.header === "string" ? column.columnDef.header : column.id}
                  </DropdownMenuCheckboxItem>
                ))}
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
      </div>

      {records.isError && <ErrorState title="The records couldn't be loaded" message={records.error.message} onRetry={() => void records.refetch()} />}

      {/*
        Below md each row is a card: cells stack, each under its column's name, so nothing needs a
        sideways scroll on a phone. relative: the sr-only texts (absolutely positioned) stay inside.
      */}
      <div className="relative rounded-xl border border-slate-200 bg-white shadow-sm md:overflow-x-auto" data-testid="records-table">
        <table className="w-full text-left text-sm max-md:block">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-500 uppercase max-md:sr-only">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th key={header.id} scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody aria-busy={records.isFetching} className="divide-y divide-slate-100 max-md:block">
            {records.isPending &&
              [0, 1, 2, 3, 4].map((i) => (
                <tr key={i} className="max-md:block">
                  <td colSpan={columnCount} className="px-3 py-3 max-md:block">
                    <Skeleton className="h-5 w-full" />
                  </td>
                </tr>
              ))}
            {records.isSuccess && records.data.items.length === 0 && (
              <tr className="max-md:block">
                <td colSpan={columnCount} className="px-3 py-10 text-center text-slate-600 max-md:block">
                  {Object.values({ ...filters, sort: undefined }).some(Boolean) ? "No records match these filters." : "No records yet: switch a sync on to see its records here."}
                </td>
              </tr>
            )}
            {table.getRowModel().rows.map((row) => (
              <Fragment key={row.id}>
                <tr data-testid="record-row" className="align-top hover:bg-slate-50/60 max-md:flex max-md:flex-wrap max-md:gap-x-2 max-md:px-3 max-md:pt-3 max-md:pb-1">
                  {row.getVisibleCells().map((cell) => {
                    const header = cell.column.columnDef.header;
                    return (
                      <td
                        key={cell.id}
                        className={cn(
                          "px-3 py-2 max-md:min-w-0 max-md:px-0 max-md:py-1",
                          cell.column.id === "label" ? "max-md:flex-1" : cell.column.id === "expand" ? "" : "max-md:flex max-md:w-full max-md:gap-3",
                        )}
                      >
                        {typeof header === "string" && <span className="w-24 shrink-0 text-xs text-slate-500 md:hidden">{header}</span>}
                        <div className="min-w-0 break-words">{flexRender(cell.column.columnDef.cell, cell.getContext())}</div>
                      </td>
                    );
                  })}
                </tr>
                {(expanded[row.id] || row.original.error) && (
                  <tr className="bg-slate-50/40 max-md:block">
                    <td colSpan={columnCount} className="px-3 pt-0 pb-3 max-md:block">
                      {row.original.error && <RecordError error={row.original.error} compact />}
                      {expanded[row.id] && (
                        <div id={`activity-${row.id}`} className="mt-3 rounded-md border border-slate-200 bg-white p-3">
                          <ActivityTimeline id={row.id} />
                        </div>
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>

      <nav aria-label="Pages" className="flex items-center justify-between gap-3">
        <Button variant="secondary" size="sm" disabled={cursors.length <= 1} onClick={() => setPages({ key: filterKey, cursors: cursors.slice(0, -1) })}>
          Previous
        </Button>
        <span className="text-sm text-slate-600">Page {cursors.length}</span>
        <Button
          variant="secondary"
          size="sm"
          disabled={!records.data?.nextCursor || records.isPlaceholderData}
          onClick={() => records.data?.nextCursor && setPages({ key: filterKey, cursors: [...cursors, records.data.nextCursor] })}
        >
          Next
        </Button>
      </nav>
    </div>
  );
}
