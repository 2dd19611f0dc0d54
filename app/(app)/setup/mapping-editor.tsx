"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useFollowBatch } from "@/app/_components/retry-results";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { ErrorState } from "@/app/_components/ui/card";
import { Dialog, DialogContent } from "@/app/_components/ui/dialog";
import { Label } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Switch } from "@/app/_components/ui/switch";
import { useToast } from "@/app/_components/ui/toast";
import type { Mapping, RouterOutputs, SyncObject } from "@/app/_lib/api-types";
import { OBJECT_TEXT } from "@/app/_lib/sync-labels";
import { useTRPC } from "@/app/_lib/trpc";
import { LineMappings } from "./line-mappings";
import { useAvailableFields } from "./use-available-fields";
import { useMappingToggle } from "./use-mapping-toggle";

type MappingDirection = Mapping["direction"];
type MappingChange = RouterOutputs["mappings"]["update"];

const MAPPING_DIRECTIONS: { value: MappingDirection; label: string }[] = [
  { value: "both", label: "Both ways" },
  { value: "to_quickbooks", label: "HubSpot → QuickBooks" },
  { value: "to_hubspot", label: "QuickBooks → HubSpot" },
];
const ARROW: Record<MappingDirection, string> = { both: "↔", to_quickbooks: "→", to_hubspot: "←" };

/** A mapping's own conflict winner, or "object": follow the object's choice (null in the API). */
type WinnerChoice = NonNullable<Mapping["conflictWinner"]> | "object";
const WINNER_TEXT = { hubspot: "HubSpot wins", quickbooks: "QuickBooks wins" } as const;

interface Draft {
  id?: string;
  /** A default mapping keeps its fields; only its direction and winner change. */
  isDefault?: boolean;
  label?: string;
  hubspotProperty?: string;
  /** What a default mapping reads in HubSpot, in words where it is no HubSpot property. */
  hubspotField?: string;
  quickbooksPath?: string;
  direction: MappingDirection;
  winner: WinnerChoice;
}

function draftOf(mapping: Mapping): Draft {
  return {
    id: mapping.id,
    isDefault: mapping.isDefault,
    label: mapping.label,
    hubspotProperty: mapping.hubspotProperty,
    hubspotField: mapping.hubspotField,
    quickbooksPath: mapping.quickbooksPath,
    direction: mapping.direction,
    winner: mapping.conflictWinner ?? "object",
  };
}

interface MappingDialogProps {
  object: SyncObject;
  draft: Draft;
  /** The object's own conflict winner, which a mapping follows unless it overrides it. */
  objectWinner: NonNullable<Mapping["conflictWinner"]>;
  onClose: () => void;
  onSaved: (change: MappingChange) => void;
}

function MappingDialog({ object, draft, objectWinner, onClose, onSaved }: MappingDialogProps) {
  const trpc = useTRPC();
  const fields = useAvailableFields({ object }, !draft.isDefault);
  const [value, setValue] = useState<Draft>(draft);
  const [error, setError] = useState<string | null>(null);
  const create = useMutation(trpc.mappings.create.mutationOptions({ onSuccess: onSaved, onError: (e) => setError(e.message) }));
  const update = useMutation(trpc.mappings.update.mutationOptions({ onSuccess: onSaved, onError: (e) => setError(e.message) }));
  const busy = create.isPending || update.isPending;

  function save() {
    if (!value.hubspotProperty || !value.quickbooksPath) return setError("Choose a HubSpot property and a QuickBooks field.");
    setError(null);
    const conflictWinner = value.winner === "object" ? null : value.winner;
    if (value.id && value.isDefault) update.mutate({ id: value.id, direction: value.direction, conflictWinner });
    else if (value.id) update.mutate({ id: value.id, hubspotProperty: value.hubspotProperty, quickbooksPath: value.quickbooksPath, direction: value.direction, conflictWinner });
    else create.mutate({ object, hubspotProperty: value.hubspotProperty, quickbooksPath: value.quickbooksPath, direction: value.direction, conflictWinner });
  }

  const winnerOptions: { value: WinnerChoice; label: string }[] = [
    { value: "object", label: `As the ${OBJECT_TEXT[object].singular} sync: ${WINNER_TEXT[objectWinner]}` },
    { value: "hubspot", label: "Always HubSpot" },
    { value: "quickbooks", label: "Always QuickBooks" },
  ];

  return (
    <DialogContent
      title={value.isDefault ? `Edit ${value.label}` : value.id ? "Edit mapping" : "Add a mapping"}
      description={
        value.isDefault
          ? "A default mapping keeps its fields; its direction and its winner when both sides changed can differ from the rest of the sync."
          : "Only QuickBooks fields whose type fits the HubSpot property are offered."
      }
      onOpenAutoFocus={(event) => event.preventDefault()}
    >
      {!value.isDefault && fields.isPending && <Skeleton className="h-24 w-full" />}
      {!value.isDefault && fields.isError && <ErrorState title="The fields couldn't be read" message={fields.error.message} onRetry={() => void fields.refetch()} />}
      {(value.isDefault || fields.data) && (
        <div className="space-y-4">
          {value.isDefault ? (
            <p className="text-sm break-all text-slate-600">
              HubSpot {value.hubspotField ?? value.hubspotProperty} {ARROW[value.direction]} QuickBooks {value.quickbooksPath}
            </p>
          ) : (
            <FieldPickers value={value} setValue={setValue} fields={fields.data!} />
          )}
          <div className="flex flex-col gap-1">
            <Label htmlFor="mapping-direction">Direction</Label>
            <Select id="mapping-direction" value={value.direction} onValueChange={(direction) => setValue((v) => ({ ...v, direction }))} options={MAPPING_DIRECTIONS} />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="mapping-winner">When both sides changed it</Label>
            <Select id="mapping-winner" value={value.winner} onValueChange={(winner) => setValue((v) => ({ ...v, winner }))} options={winnerOptions} />
          </div>
          {error && (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={save} disabled={busy}>
              {busy ? "Saving…" : "Save mapping"}
            </Button>
          </div>
        </div>
      )}
    </DialogContent>
  );
}

/** The HubSpot property and the QuickBooks fields that fit it (custom mappings only). */
function FieldPickers({ value, setValue, fields }: { value: Draft; setValue: (update: (draft: Draft) => Draft) => void; fields: RouterOutputs["mappings"]["availableFields"] }) {
  const hubspot = fields.hubspot.find((field) => field.path === value.hubspotProperty);
  const compatible = new Set(hubspot?.compatible ?? []);
  const quickbooksOptions = fields.quickbooks.filter((field) => compatible.has(field.path));
  return (
    <>
      <div className="flex flex-col gap-1">
        <Label htmlFor="mapping-hubspot">HubSpot property</Label>
        <Select
          id="mapping-hubspot"
          value={value.hubspotProperty}
          placeholder="Choose a property"
          onValueChange={(path) => setValue((v) => ({ ...v, hubspotProperty: path, quickbooksPath: undefined }))}
          options={fields.hubspot.map((field) => ({ value: field.path, label: `${field.label}${field.custom ? " (custom)" : ""}`, disabled: field.compatible.length === 0 }))}
        />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="mapping-quickbooks">QuickBooks field</Label>
        <Select
          id="mapping-quickbooks"
          value={value.quickbooksPath}
          disabled={!hubspot}
          placeholder={hubspot ? (quickbooksOptions.length ? "Choose a field" : "No compatible field") : "Choose a HubSpot property first"}
          onValueChange={(path) => setValue((v) => ({ ...v, quickbooksPath: path }))}
          options={quickbooksOptions.map((field) => ({ value: field.path, label: `${field.label}${field.custom ? " (custom field)" : ""}` }))}
        />
      </div>
    </>
  );
}

/** Default mappings with on/off switches, custom ones to add, edit and delete; a change offers a resync. */
export function MappingEditor({ object, canManage }: { object: SyncObject; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const followBatch = useFollowBatch();
  const listKey = trpc.mappings.list.queryKey({ object });
  const list = useQuery(trpc.mappings.list.queryOptions({ object }));
  const overview = useQuery(trpc.sync.overview.queryOptions());
  const objectWinner = overview.data?.find((item) => item.object === object)?.conflictWinner ?? "hubspot";
  const [draft, setDraft] = useState<Draft | null>(null);
  const [resync, setResync] = useState<number | null>(null);

  function changed(change: MappingChange) {
    if (change.resync.suggested) setResync(change.resync.records);
    return queryClient.invalidateQueries({ queryKey: listKey });
  }

  const toggle = useMappingToggle({ object }, changed);
  const remove = useMutation(
    trpc.mappings.delete.mutationOptions({
      onSuccess: (change) => {
        toast({ tone: "success", title: "Mapping deleted" });
        return changed(change);
      },
      onError: (error) => toast({ tone: "error", title: "The mapping wasn't deleted", description: error.message }),
    }),
  );
  const runResync = useMutation(
    trpc.mappings.resync.mutationOptions({
      onSuccess: ({ queued, batchId }) => {
        setResync(null);
        toast({ tone: "success", title: `${queued} record${queued === 1 ? "" : "s"} queued to resync`, description: "How many synced and which failed shows here when they're done." });
        if (batchId) followBatch({ id: batchId, what: `Resync of ${OBJECT_TEXT[object].title.toLowerCase()}` });
      },
      onError: (error) => toast({ tone: "error", title: "The resync didn't start", description: error.message }),
    }),
  );

  if (list.isPending) return <Skeleton className="h-32 w-full" />;
  if (list.isError) return <ErrorState title="The mappings couldn't be loaded" message={list.error.message} onRetry={() => void list.refetch()} />;

  return (
    <div className="space-y-3">
      {resync !== null && (
        <div role="status" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <span>
            This change applies to new syncs. {resync} record{resync === 1 ? " was" : "s were"} synced under the old mappings.
          </span>
          <span className="flex gap-2">
            <Button size="sm" disabled={runResync.isPending} onClick={() => runResync.mutate({ object })}>
              Resync {resync} record{resync === 1 ? "" : "s"}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setResync(null)}>
              Not now
            </Button>
          </span>
        </div>
      )}
      <ul aria-label="Mapped fields" className="divide-y divide-slate-100 rounded-lg border border-slate-200">
        {list.data.mappings.map((mapping) => (
          <li key={mapping.id} data-testid="mapping-row" className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2 text-sm">
            <div className="min-w-0 flex-1">
              <p className="font-medium break-words text-slate-900">
                {mapping.label} {!mapping.isDefault && <Badge tone="info">Custom</Badge>}
              </p>
              <p className="text-xs break-all text-slate-500">
                HubSpot {mapping.hubspotField} {ARROW[mapping.direction]} QuickBooks {mapping.quickbooksPath}
              </p>
              {mapping.fixedDirection && <p className="mt-1 text-xs text-slate-600">{mapping.fixedDirection}</p>}
              {(mapping.direction !== "both" || mapping.conflictWinner) && (
                <p className="mt-1 flex flex-wrap gap-1" data-testid="mapping-overrides">
                  {mapping.direction !== "both" && <Badge tone="neutral">Only {MAPPING_DIRECTIONS.find((d) => d.value === mapping.direction)!.label}</Badge>}
                  {mapping.conflictWinner && <Badge tone="warning">Always {WINNER_TEXT[mapping.conflictWinner]}</Badge>}
                </p>
              )}
            </div>
            {canManage && (
              <span className="flex gap-1">
                {!mapping.fixedDirection && (
                  <Button size="sm" variant="ghost" aria-label={`Edit ${mapping.label}`} onClick={() => setDraft(draftOf(mapping))}>
                    Edit
                  </Button>
                )}
                {!mapping.isDefault && (
                  <Button size="sm" variant="ghost" className="text-red-700" aria-label={`Delete ${mapping.label}`} disabled={remove.isPending} onClick={() => remove.mutate({ id: mapping.id })}>
                    Delete
                  </Button>
                )}
              </span>
            )}
            <Switch aria-label={`Map ${mapping.label}`} checked={mapping.enabled} disabled={!canManage} onCheckedChange={(enabled) => toggle.mutate({ id: mapping.id, enabled })} />
          </li>
        ))}
      </ul>
      {canManage && (
        <Button variant="secondary" size="sm" onClick={() => setDraft({ direction: "both", winner: "object" })}>
          Add a mapping
        </Button>
      )}
      {object === "invoices" && <LineMappings canManage={canManage} onChanged={changed} />}
      <Dialog open={draft !== null} onOpenChange={(open) => !open && setDraft(null)}>
        {draft && (
          <MappingDialog
            key={draft.id ?? "new"}
            object={object}
            draft={draft}
            objectWinner={objectWinner}
            onClose={() => setDraft(null)}
            onSaved={(change) => {
              setDraft(null);
              toast({ tone: "success", title: draft.id ? "Mapping saved" : "Mapping added" });
              return changed(change);
            }}
          />
        )}
      </Dialog>
    </div>
  );
}
