"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ActivityTimeline } from "@/app/_components/activity-timeline";
import { IntegrationSyncPanel } from "@/app/_components/integration-sync-panel";
import { RecordError } from "@/app/_components/record-error";
import { RecordLinks } from "@/app/_components/record-links";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, ErrorState } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { When } from "@/app/_components/when";
import { OBJECT_TEXT, SIDE_NAME, STATE_TEXT } from "@/app/_lib/sync-labels";
import { useTRPC } from "@/app/_lib/trpc";
import { useSyncActions } from "@/app/_lib/use-sync-actions";

/** One record: what it is on both sides, its state and error, and its activity; invoices get the Integration sync panel. */
export function RecordDetailView({ id }: { id: string }) {
  const trpc = useTRPC();
  const record = useQuery({ ...trpc.sync.record.queryOptions({ id }), refetchInterval: 5000 });
  const me = useQuery(trpc.account.me.queryOptions());
  const canManage = me.data ? me.data.org.role !== "member" : false;
  const { retry, resync } = useSyncActions();

  if (record.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading the record" className="space-y-4">
        <Skeleton className="h-8 w-64 max-w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (record.isError) return <ErrorState title="The record couldn't be loaded" message={record.error.message} onRetry={() => void record.refetch()} />;
  const data = record.data;
  const invoiceRef = data.object === "invoices" ? (data.origin === "hubspot" && data.hubspotId ? { side: "hubspot" as const, id: data.hubspotId } : data.quickbooksId ? { side: "quickbooks" as const, id: data.quickbooksId } : data.hubspotId ? { side: "hubspot" as const, id: data.hubspotId } : null) : null;

  return (
    <div className="space-y-6">
      <div>
        <Link href="/records" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          ← All records
        </Link>
        <h1 className="mt-2 text-2xl font-semibold break-words">{data.label ?? "(no name)"}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span>{OBJECT_TEXT[data.object].title}</span>
          <span aria-hidden>·</span>
          <span>Created in {SIDE_NAME[data.origin]}</span>
          <Badge tone={STATE_TEXT[data.state].tone}>{STATE_TEXT[data.state].label}</Badge>
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <h2 className="text-base font-semibold">Sync</h2>
            <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-slate-500">Open in</dt>
              <dd>
                <RecordLinks record={data} />
              </dd>
              <dt className="text-slate-500">Last synced</dt>
              <dd>
                <When value={data.lastSyncedAt} />
              </dd>
            </dl>
            {data.excludedReason && <p className="mt-3 text-sm">Left out: {data.excludedReason}</p>}
            {data.error && <RecordError error={data.error} />}
            {canManage && (
              <div className="mt-3 flex flex-wrap gap-2">
                {data.state === "failed" && (
                  <Button size="sm" disabled={retry.isPending} onClick={() => retry.mutate({ id: data.id })}>
                    Retry
                  </Button>
                )}
                <Button size="sm" variant="secondary" disabled={resync.isPending} onClick={() => resync.mutate({ id: data.id })}>
                  Resync
                </Button>
              </div>
            )}
          </Card>
          {data.lines.length > 0 && (
            <Card aria-labelledby="lines-title">
              <h2 id="lines-title" className="text-base font-semibold">
                Lines
              </h2>
              <p className="text-xs text-slate-500">As last synced</p>
              <ul aria-labelledby="lines-title" className="mt-2 divide-y divide-slate-100 text-sm">
                {data.lines.map((line, i) => (
                  <li key={i} className="py-2 break-words" data-testid="invoice-line">
                    {line}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          {data.children.length > 0 && (
            <Card>
              <h2 className="text-base font-semibold">{data.object === "invoices" ? "Payments" : "Applied to"}</h2>
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {data.children.map((child) => (
                  <li key={child.id} className="py-2">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span className="font-medium">{child.label ?? "(no name)"}</span>
                      <Badge tone={STATE_TEXT[child.state].tone}>{STATE_TEXT[child.state].label}</Badge>
                    </div>
                    {child.error && <RecordError error={child.error} compact />}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card>
            <h2 className="text-base font-semibold">Activity</h2>
            <div className="mt-3">
              <ActivityTimeline id={data.id} />
            </div>
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          {invoiceRef && <IntegrationSyncPanel invoice={invoiceRef} canManage={canManage} />}
          {data.parent && (
            <Card>
              <h2 className="text-base font-semibold">Part of</h2>
              <Link href={`/records/${data.parent.id}`} className="mt-2 inline-block text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
                {data.parent.label ?? "(no name)"}
              </Link>
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
