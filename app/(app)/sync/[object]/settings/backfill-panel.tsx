"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Card, ErrorState } from "@/app/_components/ui/card";
import { Input, Label } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import type { RouterInputs, RouterOutputs } from "@/app/_lib/api-types";
import { DIRECTION_TEXT } from "@/app/_lib/sync-labels";
import { useTRPC } from "@/app/_lib/trpc";

type BackfillInput = RouterInputs["backfill"]["start"];
type Backfill = RouterOutputs["backfill"]["list"][number];
type Preview = RouterOutputs["backfill"]["preview"];

const DIRECTIONS = (["to_hubspot", "to_quickbooks"] as const).map((value) => ({ value, label: DIRECTION_TEXT[value].label }));
const ACTIVE = new Set<Backfill["state"]>(["running", "cancelling"]);
const STATE_TEXT: Record<Backfill["state"], string> = {
  running: "Running",
  cancelling: "Stopping after the current invoice",
  cancelled: "Cancelled",
  finished: "Finished",
  failed: "Failed",
};

const day = (date: Date) => date.toISOString().slice(0, 10);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The invoice sync's direction decides which way a backfill can go; two-way allows both. */
function allowedDirections(direction: string | undefined) {
  return DIRECTIONS.filter((d) => direction === "two_way" || d.value === direction);
}

function PreviewSummary({ preview }: { preview: Preview }) {
  const { counts } = preview;
  return (
    <div data-testid="backfill-preview" className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm">
      <p>
        <span className="font-semibold">{plural(preview.total, "invoice")}</span> dated in the range{preview.truncated ? " (the first ones looked at)" : ""}.
      </p>
      <ul className="grid gap-1 sm:grid-cols-2">
        <li data-testid="preview-create">{counts.create ?? 0} to create on the other side</li>
        <li data-testid="preview-link">{counts.link ?? 0} to link to an existing invoice by number</li>
        <li data-testid="preview-unchanged">{counts.unchanged ?? 0} already synced</li>
        <li data-testid="preview-exclude">{counts.exclude ?? 0} left out</li>
        {(counts.fail ?? 0) > 0 && <li data-testid="preview-fail">{counts.fail} can&apos;t sync (same number twice, or linked elsewhere)</li>}
      </ul>
      {preview.excludedReasons.length > 0 && (
        <ul aria-label="Why invoices are left out" className="list-disc pl-5 text-slate-600">
          {preview.excludedReasons.map((r) => (
            <li key={r.reason}>
              {r.reason}: {r.count}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Progress({ backfill, canManage, onCancel, cancelling }: { backfill: Backfill; canManage: boolean; onCancel: () => void; cancelling: boolean }) {
  const { done, expected } = backfill;
  const handled = done.created + done.linked + done.updated + done.unchanged + done.excluded + done.failed;
  const total = expected ? expected.create + expected.link + expected.unchanged + expected.exclude + expected.fail : null;
  const active = ACTIVE.has(backfill.state);
  return (
    <div data-testid="backfill-progress" className="space-y-2 text-sm">
      <p className="font-medium">
        <span data-testid="backfill-state">{STATE_TEXT[backfill.state]}</span>
        <span className="text-slate-600">
          {" "}
          · {DIRECTION_TEXT[backfill.direction].label}, invoices dated {backfill.range.from} to {backfill.range.to}
        </span>
      </p>
      <div
        role="progressbar"
        aria-label="Backfill progress"
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={handled}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full bg-brand-600 transition-all" style={{ width: total ? `${Math.min(100, (handled / Math.max(total, 1)) * 100)}%` : "0%" }} />
      </div>
      <p data-testid="backfill-counts">
        {handled}
        {total !== null ? ` of ${total}` : ""} done: {done.created} created, {done.linked} linked by number, {done.unchanged + done.updated} already synced, {done.excluded} left out,{" "}
        {done.failed} failed
      </p>
      {backfill.perMinute !== null && <p data-testid="backfill-rate">{backfill.perMinute} invoices a minute</p>}
      {backfill.resumes > 0 && (
        <p data-testid="backfill-resumes" className="text-amber-800">
          Resumed after an interruption {plural(backfill.resumes, "time")}
          {backfill.lastResumedAt ? ` (last ${backfill.lastResumedAt.toLocaleTimeString()})` : ""}: it carried on where it stopped, nothing was copied twice.
        </p>
      )}
      {backfill.state === "failed" && backfill.error && <p className="text-red-700">{backfill.error}</p>}
      {done.failed > 0 && !active && <p className="text-slate-600">The failed invoices are listed with their reasons in the sync overview&apos;s failed records.</p>}
      {canManage && backfill.state === "running" && (
        <Button variant="secondary" size="sm" onClick={onCancel} disabled={cancelling}>
          Cancel backfill
        </Button>
      )}
    </div>
  );
}

/**
 * "Backfill older invoices": the sync copies only invoices created after it started; this copies
 * the ones dated in a range one way, after a preview, with live progress that survives restarts.
 */
export function BackfillPanel({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const overview = useQuery(trpc.sync.overview.queryOptions());
  const invoices = overview.data?.find((o) => o.object === "invoices");
  const directions = allowedDirections(invoices?.direction);
  const today = new Date();
  const [form, setForm] = useState<BackfillInput>({
    object: "invoices",
    direction: "to_hubspot",
    range: { from: day(new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), today.getUTCDate()))), to: day(today) },
  });
  const direction = directions.some((d) => d.value === form.direction) ? form.direction : (directions[0]?.value ?? form.direction);
  const input = { ...form, direction };
  const [asked, setAsked] = useState<BackfillInput | null>(null);
  const preview = useQuery({ ...trpc.backfill.preview.queryOptions(asked ?? input), enabled: asked !== null, retry: false, staleTime: Infinity });
  const listKey = trpc.backfill.list.queryKey({ object: "invoices" });
  const list = useQuery({
    ...trpc.backfill.list.queryOptions({ object: "invoices" }),
    refetchInterval: (query) => (query.state.data?.some((b) => ACTIVE.has(b.state)) ? 1_000 : false),
  });
  const start = useMutation(
    trpc.backfill.start.mutationOptions({
      onSuccess: () => {
        setAsked(null);
        void queryClient.invalidateQueries({ queryKey: listKey });
        toast({ tone: "success", title: "Backfill started" });
      },
      onError: (error) => toast({ tone: "error", title: "The backfill didn't start", description: error.message }),
    }),
  );
  const cancel = useMutation(
    trpc.backfill.cancel.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: listKey }),
      onError: (error) => toast({ tone: "error", title: "The backfill wasn't cancelled", description: error.message }),
    }),
  );
  const latest = list.data?.[0];
  const running = latest ? ACTIVE.has(latest.state) : false;
  const edit = (change: Partial<BackfillInput>) => {
    setForm({ ...input, ...change });
    setAsked(null);
  };
  const fieldErrors = (preview.error?.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;

  return (
    <Card aria-labelledby="backfill-title">
      <h2 id="backfill-title" className="text-base font-semibold">
        Backfill older invoices
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        The sync copies only invoices created after it started. Copy older ones by their invoice date: an invoice the other side already has with the same number is
        linked to it, never copied twice. Every other rule of the sync (drafts, your filters, customers and items) still applies.
      </p>
      {invoices && !invoices.enabled ? (
        <p className="mt-3 text-sm text-slate-700">Switch the invoice sync on to backfill older invoices.</p>
      ) : (
        <div className="mt-3 space-y-3">
          <div className="flex flex-wrap items-end gap-3">
            <div className="flex flex-col gap-1">
              <Label htmlFor="backfill-from">Invoices dated from</Label>
              <Input id="backfill-from" type="date" value={input.range.from} max={input.range.to} onChange={(e) => edit({ range: { ...input.range, from: e.target.value } })} />
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="backfill-to">to</Label>
              <Input id="backfill-to" type="date" value={input.range.to} min={input.range.from} onChange={(e) => edit({ range: { ...input.range, to: e.target.value } })} />
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="backfill-direction">Direction</Label>
              <Select id="backfill-direction" value={direction} onValueChange={(value) => edit({ direction: value })} options={directions} />
            </div>
            <Button variant="secondary" onClick={() => setAsked(input)} disabled={preview.isFetching || running}>
              {preview.isFetching ? "Looking…" : "Preview"}
            </Button>
          </div>
          {fieldErrors && (
            <p role="alert" className="text-sm text-red-700">
              {Object.values(fieldErrors).flat().join(" ")}
            </p>
          )}
          {preview.isError && !fieldErrors && <ErrorState title="The preview couldn't be made" message={preview.error.message} onRetry={() => void preview.refetch()} />}
          {asked && preview.data && (
            <>
              <PreviewSummary preview={preview.data} />
              {canManage && (
                <Button onClick={() => start.mutate(asked)} disabled={start.isPending || running || preview.data.counts.create + preview.data.counts.link === 0}>
                  Start backfill
                </Button>
              )}
            </>
          )}
          {list.isError && <ErrorState title="The backfills couldn't be read" message={list.error.message} onRetry={() => void list.refetch()} />}
          {latest && <Progress backfill={latest} canManage={canManage} onCancel={() => cancel.mutate({ id: latest.id })} cancelling={cancel.isPending} />}
        </div>
      )}
    </Card>
  );
}
