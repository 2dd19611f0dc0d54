"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, ErrorState } from "@/app/_components/ui/card";
import { cn, focusRing } from "@/app/_components/ui/cn";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/app/_components/ui/tabs";
import { useToast } from "@/app/_components/ui/toast";
import type { OverviewItem, PreflightCheck, RouterOutputs, SyncObject } from "@/app/_lib/api-types";
import { overviewRefreshMs } from "@/app/_lib/live-status";
import { OBJECT_TEXT, SIDE_NAME } from "@/app/_lib/sync-labels";
import { FieldValue, isMultiline } from "@/app/_components/field-value";
import { useTRPC } from "@/app/_lib/trpc";
import { connectErrorMessage, PROVIDER_NAME, type ProviderId } from "../connections/messages";
import { StatusBadge } from "../connections/status-badge";
import { ObjectSettings } from "./object-settings";
import { namedRecords, previewCoverage } from "./preview-summary";

const STEPS = [
  { id: "connect", label: "Connect" },
  { id: "preflight", label: "Pre-flight checks" },
  { id: "contacts", label: "Contacts" },
  { id: "products", label: "Products" },
  { id: "invoices", label: "Invoices" },
  { id: "payments", label: "Payments" },
  { id: "preview", label: "Preview" },
  { id: "start", label: "Start" },
] as const;
type StepId = (typeof STEPS)[number]["id"];

/** What the OAuth callback reported on coming back here (`connected`, or `error` + `provider`). */
function ConnectNotice() {
  const params = useSearchParams();
  const connected = providerParam(params.get("connected"));
  const error = params.get("error");
  if (connected) {
    return (
      <p role="status" data-testid="setup-connect-notice" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
        {PROVIDER_NAME[connected]} connected.
      </p>
    );
  }
  if (!error) return null;
  return (
    <p role="alert" data-testid="setup-connect-notice" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
      {connectErrorMessage(error, providerParam(params.get("provider")))}
    </p>
  );
}

function providerParam(value: string | null): ProviderId | null {
  return value === "hubspot" || value === "quickbooks" ? value : null;
}

function ConnectStep({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const list = useQuery(trpc.connections.list.queryOptions());
  const connect = useMutation(
    trpc.connections.connectUrl.mutationOptions({
      onSuccess: ({ url }) => window.location.assign(url),
      onError: (error) => toast({ tone: "error", title: "Couldn't start connecting", description: error.message }),
    }),
  );
  const health = useMutation(
    trpc.connections.health.mutationOptions({
      onSuccess: (result, { provider }) => {
        toast(result.status === "active" && !result.lastError ? { tone: "success", title: `${PROVIDER_NAME[provider]} answered: the connection works.` } : { tone: "error", title: `${PROVIDER_NAME[provider]} check failed`, description: result.lastError ?? "Reconnect it." });
        return queryClient.invalidateQueries({ queryKey: trpc.connections.list.queryKey() });
      },
    }),
  );
  if (list.isPending) return <Skeleton className="h-40 w-full" />;
  if (list.isError) return <ErrorState title="The connections couldn't be loaded" message={list.error.message} onRetry={() => void list.refetch()} />;
  return (
    <div className="space-y-4">
      <ConnectNotice />
      <div className="grid gap-4 md:grid-cols-2">
        {list.data.map((connection) => (
          <Card key={connection.provider} data-testid={`setup-connection-${connection.provider}`} aria-label={PROVIDER_NAME[connection.provider]}>
            <div className="flex items-start justify-between gap-3">
              <h3 className="text-base font-semibold">{PROVIDER_NAME[connection.provider]}</h3>
              <StatusBadge status={connection.status} />
            </div>
            {connection.account && (
              <p className="mt-2 text-sm break-words text-slate-600">
                {connection.account.name ?? "(unnamed)"} · ID {connection.account.id}
              </p>
            )}
            {connection.lastError && <p className="mt-2 text-sm text-amber-800">Last problem: {connection.lastError}</p>}
            <div className="mt-4 flex flex-wrap gap-2">
              {canManage && connection.status !== "active" && (
                <Button disabled={connect.isPending} onClick={() => connect.mutate({ provider: connection.provider, returnTo: "/setup?step=connect" })}>
                  {connection.status === "needs_reauth" ? "Reconnect" : "Connect"} {PROVIDER_NAME[connection.provider]}
                </Button>
              )}
              {connection.status === "active" && (
                <Button variant="secondary" disabled={health.isPending} onClick={() => health.mutate({ provider: connection.provider })}>
                  Check connection
                </Button>
              )}
            </div>
          </Card>
        ))}
      </div>
    </div>
  );
}

const CHECK_TONE = { pass: "success", warn: "warning", block: "danger" } as const;
const CHECK_LABEL = { pass: "Pass", warn: "Warning", block: "Blocks" } as const;

function PreflightStep() {
  const trpc = useTRPC();
  const preflight = useQuery({ ...trpc.sync.preflight.queryOptions(), retry: false, staleTime: 60_000 });
  if (preflight.isPending) return <Skeleton className="h-48 w-full" />;
  if (preflight.isError) return <ErrorState title="The checks couldn't run" message={preflight.error.message} onRetry={() => void preflight.refetch()} />;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        QuickBooks company: {preflight.data.company.name ?? "(unnamed)"}
        {preflight.data.company.country ? ` · ${preflight.data.company.country}` : ""}
      </p>
      {preflight.data.outboundInvoicesBlocked && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          Invoices can&apos;t sync HubSpot → QuickBooks with this company until the blocking checks below are resolved. QuickBooks → HubSpot still works.
        </p>
      )}
      <ul aria-label="Pre-flight checks" className="space-y-2">
        {preflight.data.checks.map((check: PreflightCheck) => (
          <li key={check.id} data-testid={`check-${check.id}`}>
            <Card>
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={CHECK_TONE[check.status]}>{CHECK_LABEL[check.status]}</Badge>
                <h3 className="text-sm font-semibold">{check.title}</h3>
              </div>
              <p className="mt-2 text-sm text-slate-700">{check.reason}</p>
              {check.status !== "pass" && (
                <p className="mt-1 text-sm text-slate-800">
                  <span className="font-semibold">What to do: </span>
                  {check.action}
                </p>
              )}
            </Card>
          </li>
        ))}
      </ul>
      <Button variant="secondary" size="sm" onClick={() => void preflight.refetch()} disabled={preflight.isFetching}>
        Run the checks again
      </Button>
    </div>
  );
}

type PreviewAction = keyof RouterOutputs["sync"]["preview"]["counts"];
const ACTION_TEXT: Record<PreviewAction, { label: string; tone: "success" | "info" | "warning" | "neutral" | "danger" }> = {
  link: { label: "Link to an existing record", tone: "info" },
  update: { label: "Update fields", tone: "warning" },
  create: { label: "Create", tone: "success" },
  unchanged: { label: "Already the same", tone: "neutral" },
  exclude: { label: "Leave out", tone: "neutral" },
  fail: { label: "Fail", tone: "danger" },
};
const PREVIEW_OBJECTS: SyncObject[] = ["contacts", "products", "invoices", "payments"];

function ObjectPreview({ object }: { object: SyncObject }) {
  const trpc = useTRPC();
  const preview = useQuery({ ...trpc.sync.preview.queryOptions({ object }), retry: false, staleTime: 60_000, refetchOnWindowFocus: false });
  const [action, setAction] = useState<PreviewAction | "all">("all");
  if (preview.isPending) return <Skeleton className="h-40 w-full" />;
  if (preview.isError) return <ErrorState title="The preview couldn't be computed" message={preview.error.message} onRetry={() => void preview.refetch()} />;
  const counts = Object.entries(preview.data.counts) as [PreviewAction, number][];
  const items = preview.data.items.filter((item) => action === "all" || item.action === action);
  const coverage = previewCoverage(preview.data);
  return (
    <div className="space-y-3" data-testid={`preview-${object}`}>
      {object === "payments" && (
        <p className="text-sm text-slate-700" data-testid="preview-payments-note">
          Payments come with their invoices: a paid payment on an invoice the first sync makes or links is copied to the other side. With QuickBooks → HubSpot invoices,
          payments don&apos;t sync.
        </p>
      )}
      <div className="flex flex-wrap gap-2" role="group" aria-label="Show">
        <Button size="sm" variant={action === "all" ? "primary" : "secondary"} onClick={() => setAction("all")} aria-pressed={action === "all"}>
          All ({namedRecords(preview.data)})
        </Button>
        {counts
          .filter(([, n]) => n > 0)
          .map(([key, n]) => (
            <Button key={key} size="sm" variant={action === key ? "primary" : "secondary"} onClick={() => setAction(key)} aria-pressed={action === key} data-testid={`preview-count-${key}`}>
              {ACTION_TEXT[key].label}: {n}
            </Button>
          ))}
      </div>
      {coverage && (
        <p className="text-sm text-slate-700" data-testid="preview-coverage">
          {coverage}
        </p>
      )}
      {preview.data.items.length === 0 && (
        <p className="text-sm text-slate-600">{preview.data.counts.unchanged > 0 ? "Every record is already the same on both sides." : "Nothing to sync yet on either side."}</p>
      )}
      <ul aria-label={`${OBJECT_TEXT[object].title} preview`} className="divide-y divide-slate-100 rounded-lg border border-slate-200">
        {items.map((item) => (
          <li key={`${item.side}-${item.id}`} data-testid="preview-item" className="px-3 py-2 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={item.action === "link" && item.changes.length > 0 ? "warning" : ACTION_TEXT[item.action].tone}>
                {item.action === "link" && item.changes.length > 0 ? `Link and overwrite ${item.changes.length} field${item.changes.length === 1 ? "" : "s"}` : ACTION_TEXT[item.action].label}
              </Badge>
              <span className="min-w-0 font-medium break-words">{item.label}</span>
              <span className="text-xs text-slate-500">
                from {SIDE_NAME[item.side]} #{item.id}
                {item.counterpartId ? ` ↔ #${item.counterpartId}` : ""}
              </span>
            </div>
            {item.reason && <p className="mt-1 text-slate-700">{item.reason}</p>}
            {item.error && (
              <p className="mt-1 text-slate-600" data-testid="preview-error">
                {item.error.explanation} <span className="font-medium">Fix:</span> {item.error.fix}
              </p>
            )}
            {item.changes.length > 0 && (
              <dl className="mt-1 grid grid-cols-1 gap-x-3 sm:grid-cols-[max-content_1fr]">
                {item.changes.map((change) => (
                  <div key={`${change.side}-${change.field}`} className="contents">
                    <dt className="text-slate-600">
                      {change.label} in {SIDE_NAME[change.side]}
                    </dt>
                    <dd className="min-w-0 break-words" data-testid="preview-change">
                      <FieldValue value={change.before} className="text-slate-500 line-through" /> {isMultiline(change.before, change.after) ? "↓" : "→"}{" "}
                      <FieldValue value={change.after} className="font-medium" />
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What the first sync will do per object, computed from reads only: nothing is written before Start. */
function PreviewStep() {
  return (
    <div className="space-y-3" data-testid="preview-step">
      <p className="text-sm text-slate-700">
        Computed from reads only, with the settings you chose: nothing is written to HubSpot or QuickBooks before you press Start.
      </p>
      <Tabs defaultValue="contacts">
        <TabsList aria-label="Object">
          {PREVIEW_OBJECTS.map((object) => (
            <TabsTrigger key={object} value={object}>
              {OBJECT_TEXT[object].title}
            </TabsTrigger>
          ))}
        </TabsList>
        {PREVIEW_OBJECTS.map((object) => (
          <TabsContent key={object} value={object}>
            <ObjectPreview object={object} />
          </TabsContent>
        ))}
      </Tabs>
    </div>
  );
}

const START_OBJECTS: SyncObject[] = ["products", "contacts", "invoices"];

function StartStep({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const overview = useQuery({ ...trpc.sync.overview.queryOptions(), refetchInterval: (query) => overviewRefreshMs(query.state.data) });
  const samples = useRef<{ at: number; done: number }[]>([]);
  const [rate, setRate] = useState<number | null>(null);
  const start = useMutation(
    trpc.sync.updateSettings.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.sync.overview.queryKey() }),
    }),
  );
  // Per object, why its switch-on was refused (the last press of Start).
  const [refused, setRefused] = useState<{ object: SyncObject; message: string }[]>([]);

  async function startAll() {
    const failures: { object: SyncObject; message: string }[] = [];
    // One at a time, in order: invoices need their customers and items.
    for (const object of START_OBJECTS) {
      try {
        await start.mutateAsync({ object, enabled: true });
      } catch (error) {
        failures.push({ object, message: error instanceof Error ? error.message : String(error) });
      }
    }
    setRefused(failures);
    if (failures.length === 0) toast({ tone: "success", title: "Sync started", description: "The progress shows below." });
    else if (failures.length === START_OBJECTS.length) toast({ tone: "error", title: "Nothing started", description: "Each sync's reason shows on the page." });
    else toast({ tone: "error", title: `${START_OBJECTS.length - failures.length} of ${START_OBJECTS.length} syncs started`, description: "The others' reasons show on the page." });
  }
  const done = (items: OverviewItem[]) => items.reduce((n, i) => n + i.counts.synced + i.counts.failed + i.counts.excluded, 0);

  useEffect(() => {
    if (!overview.data) return;
    const now = Date.now();
    const list = [...samples.current, { at: now, done: done(overview.data) }].filter((s) => now - s.at < 30_000);
    samples.current = list;
    const first = list[0];
    const last = list[list.length - 1];
    if (first && last && last.at - first.at >= 2000) setRate(Math.max(0, ((last.done - first.done) / (last.at - first.at)) * 1000));
  }, [overview.data]);

  if (overview.isPending) return <Skeleton className="h-40 w-full" />;
  if (overview.isError) return <ErrorState title="The sync status couldn't be loaded" message={overview.error.message} />;
  const anyOn = overview.data.some((i) => i.enabled);
  const pending = overview.data.reduce((n, i) => n + i.counts.pending, 0);
  const reading = overview.data.filter((i) => i.enabled && i.initialSync.running).map((i) => OBJECT_TEXT[i.object].title);
  const progressText = !anyOn
    ? "Not started."
    : [reading.length > 0 ? `Initial sync under way: ${reading.join(", ")}` : null, pending > 0 ? `${pending} waiting` : null].filter(Boolean).join(" · ") ||
      "Initial sync done: nothing waiting.";

  return (
    <div className="space-y-4">
      <Card>
        <p className="text-sm text-slate-700">
          Starting switches on products, contacts and invoices (payments follow invoices). Products and contacts go first: invoices need their customers and items.
        </p>
        {canManage && (
          <Button
            className="mt-3"
            disabled={start.isPending}
            onClick={() => void startAll()}
          >
            {anyOn ? "Switch the rest on" : "Start syncing"}
          </Button>
        )}
        {refused.length > 0 && (
          <ul role="alert" aria-label="Syncs that didn't start" className="mt-3 space-y-1 rounded-md bg-red-50 p-3 text-sm text-red-800">
            {refused.map(({ object, message }) => (
              <li key={object} data-testid={`start-refused-${object}`}>
                <span className="font-semibold">{OBJECT_TEXT[object].title} didn&apos;t start:</span> {message}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card aria-labelledby="progress-title" data-testid="start-progress">
        <h3 id="progress-title" className="text-base font-semibold">
          Progress
        </h3>
        <p role="status" className="mt-1 text-sm text-slate-600">
          {progressText}
          {rate !== null && (reading.length > 0 || pending > 0) ? ` · ${rate.toFixed(1)} records/s` : ""}
        </p>
        <table className="mt-3 w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th scope="col" className="py-1 font-medium">Object</th>
              <th scope="col" className="py-1 font-medium">Synced</th>
              <th scope="col" className="py-1 font-medium">Failed</th>
              <th scope="col" className="py-1 font-medium">Left out</th>
              <th scope="col" className="py-1 font-medium">Waiting</th>
            </tr>
          </thead>
          <tbody>
            {overview.data.map((item) => (
              <tr key={item.object} className="border-t border-slate-100">
                <th scope="row" className="py-1 font-medium">
                  {OBJECT_TEXT[item.object].title} {!item.enabled && <span className="text-xs font-normal text-slate-500">(off)</span>}
                </th>
                <td className="py-1 text-emerald-700">{item.counts.synced}</td>
                <td className="py-1 text-red-700">{item.counts.failed}</td>
                <td className="py-1">{item.counts.excluded}</td>
                <td className="py-1 text-amber-700">{item.counts.pending}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {anyOn && (
          <Link href="/sync" className="mt-3 inline-block text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
            Go to the sync overview
          </Link>
        )}
      </Card>
    </div>
  );
}

export function SetupWizard() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const me = useQuery(trpc.account.me.queryOptions());
  const canManage = me.data ? me.data.org.role !== "member" : false;
  const requested = params.get("step");
  const index = Math.max(0, STEPS.findIndex((s) => s.id === requested));
  const step = STEPS[index]!;
  const go = (id: StepId) => router.push(`${pathname}?step=${id}`, { scroll: true });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [index]);

  return (
    <div className="grid gap-6 lg:grid-cols-[12rem_1fr]">
      <nav aria-label="Setup steps">
        <ol className="flex flex-wrap gap-1 text-sm lg:flex-col">
          {STEPS.map((s, i) => (
            <li key={s.id}>
              <Link
                href={`${pathname}?step=${s.id}`}
                aria-current={i === index ? "step" : undefined}
                className={cn("block rounded-md px-2.5 py-1.5", focusRing, i === index ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-600 hover:bg-slate-100")}
              >
                <span className="mr-1 text-xs text-slate-400">{i + 1}.</span>
                {s.label}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <section aria-labelledby="wizard-step-title" className="min-w-0 space-y-4">
        <h2 id="wizard-step-title" ref={heading} tabIndex={-1} className="text-xl font-semibold outline-none">
          {index + 1}. {step.label}
        </h2>
        {step.id === "connect" && <ConnectStep canManage={canManage} />}
        {step.id === "preflight" && <PreflightStep />}
        {(step.id === "contacts" || step.id === "products" || step.id === "invoices" || step.id === "payments") && (
          <>
            <p className="text-sm text-slate-600">{OBJECT_TEXT[step.id].detail}</p>
            <ObjectSettings object={step.id} canManage={canManage} />
          </>
        )}
        {step.id === "preview" && <PreviewStep />}
        {step.id === "start" && <StartStep canManage={canManage} />}
        <div className="flex justify-between gap-3 border-t border-slate-200 pt-4">
          <Button variant="secondary" disabled={index === 0} onClick={() => go(STEPS[index - 1]!.id)}>
            Back
          </Button>
          {index < STEPS.length - 1 && <Button onClick={() => go(STEPS[index + 1]!.id)}>Next: {STEPS[index + 1]!.label}</Button>}
        </div>
      </section>
    </div>
  );
}
