"use client";

import { useQuery } from "@tanstack/react-query";
import type { RouterInputs } from "@/app/_lib/api-types";
import { SIDE_NAME, STATE_TEXT } from "@/app/_lib/sync-labels";
import { useTRPC } from "@/app/_lib/trpc";
import { useSyncActions } from "@/app/_lib/use-sync-actions";
import { RecordError } from "./record-error";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";
import { Card, ErrorState } from "./ui/card";
import { Skeleton } from "./ui/skeleton";
import { When } from "./when";

type InvoiceRef = RouterInputs["sync"]["invoiceStatus"];

/** HubSpot's "Integration sync" card for one invoice: state, counterpart, last synced, the error with its fix, retry. */
export function IntegrationSyncPanel({ invoice, canManage }: { invoice: InvoiceRef; canManage: boolean }) {
  const trpc = useTRPC();
  const { retry } = useSyncActions();
  const status = useQuery({ ...trpc.sync.invoiceStatus.queryOptions(invoice), refetchInterval: 5000 });
  return (
    <Card aria-labelledby="integration-sync-title" data-testid="integration-sync">
      <h2 id="integration-sync-title" className="text-base font-semibold">
        Integration sync
      </h2>
      {status.isPending && (
        <div aria-busy="true" aria-label="Loading the invoice's sync" className="mt-3 space-y-2">
          <Skeleton className="h-5 w-24" />
          <Skeleton className="h-4 w-56 max-w-full" />
        </div>
      )}
      {status.isError && <div className="mt-3"><ErrorState title="The invoice's sync couldn't be loaded" message={status.error.message} /></div>}
      {status.data && (
        <>
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">State</dt>
            <dd>
              <Badge tone={STATE_TEXT[status.data.state].tone} data-testid="invoice-state">
                {STATE_TEXT[status.data.state].label}
              </Badge>
            </dd>
            <dt className="text-slate-500">{status.data.counterpart ? `In ${SIDE_NAME[status.data.counterpart.side]}` : "Counterpart"}</dt>
            <dd className="min-w-0 break-words">
              {status.data.counterpart ? (
                status.data.counterpart.url ? (
                  <a href={status.data.counterpart.url} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {SIDE_NAME[status.data.counterpart.side]} invoice {status.data.counterpart.id} ↗
                  </a>
                ) : (
                  `${SIDE_NAME[status.data.counterpart.side]} invoice ${status.data.counterpart.id}`
                )
              ) : (
                <span className="text-slate-500">Not created yet</span>
              )}
            </dd>
            <dt className="text-slate-500">Last synced</dt>
            <dd>
              <When value={status.data.lastSyncedAt} />
            </dd>
          </dl>
          {status.data.excludedReason && <p className="mt-3 text-sm text-slate-700">Left out: {status.data.excludedReason}</p>}
          {status.data.error && <RecordError error={status.data.error} />}
          {status.data.canRetry && canManage && (
            <Button className="mt-3" size="sm" disabled={retry.isPending} onClick={() => retry.mutate({ id: status.data.linkId })}>
              Retry
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
