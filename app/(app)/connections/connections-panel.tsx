"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { Card, ErrorState } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useTRPC } from "@/app/_lib/trpc";
import type { ProviderAccount } from "@/server/providers/oauth";
import { ConfirmDialog } from "./confirm-dialog";
import { ConnectionCard } from "./connection-card";
import { connectErrorMessage, PROVIDER_ACCOUNT_NOUN, PROVIDER_NAME, type ProviderId } from "./messages";

export interface ConnectNotice {
  connected: ProviderId | null;
  error: string | null;
  provider: ProviderId | null;
}

type PendingConfirmation = { kind: "replace" | "disconnect"; provider: ProviderId; account: ProviderAccount | null };

/** The account a CONFLICT from connectUrl is about (see `clientDetails` in server/api/trpc.ts). */
function conflictAccount(error: unknown): ProviderAccount | null {
  if (!(error instanceof TRPCClientError) || error.data?.code !== "CONFLICT") return null;
  const details = (error.data as { details?: { currentAccount?: ProviderAccount } }).details;
  return details?.currentAccount ?? null;
}

function accountLabel(account: ProviderAccount | null) {
  return account ? `${account.name ?? "(unnamed)"} (ID ${account.id})` : "the connected one";
}

export function ConnectionsPanel({ notice }: { notice: ConnectNotice }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.connections.list.queryOptions());
  const me = useQuery(trpc.account.me.queryOptions());
  const canManage = me.data ? me.data.org.role !== "member" : false;
  const [confirming, setConfirming] = useState<PendingConfirmation | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);

  const connectUrl = useMutation(
    trpc.connections.connectUrl.mutationOptions({
      onSuccess: ({ url }) => window.location.assign(url),
      onError: (error, input) => {
        const current = conflictAccount(error);
        if (current) setConfirming({ kind: "replace", provider: input.provider, account: current });
        else setMessage({ tone: "error", text: error.message });
      },
    }),
  );
  const disconnect = useMutation(
    trpc.connections.disconnect.mutationOptions({
      onSuccess: ({ revoked }, { provider }) => {
        setConfirming(null);
        setMessage({
          tone: "info",
          text: revoked
            ? `${PROVIDER_NAME[provider]} disconnected; Tandem's access was revoked.`
            : `${PROVIDER_NAME[provider]} disconnected here, but ${PROVIDER_NAME[provider]} couldn't be told to revoke Tandem's access. Remove Tandem from the connected apps in ${PROVIDER_NAME[provider]}.`,
        });
        return queryClient.invalidateQueries({ queryKey: trpc.connections.list.queryKey() });
      },
      onError: (error) => setMessage({ tone: "error", text: error.message }),
    }),
  );

  const check = useMutation(
    trpc.connections.health.mutationOptions({
      onSuccess: (health, { provider }) => {
        setMessage(
          health.status === "active" && !health.lastError
            ? { tone: "info", text: `${PROVIDER_NAME[provider]} answered: the connection works.` }
            : { tone: "error", text: `${PROVIDER_NAME[provider]} check failed: ${health.lastError ?? "the connection needs reconnecting."}` },
        );
        return queryClient.invalidateQueries({ queryKey: trpc.connections.list.queryKey() });
      },
      onError: (error) => setMessage({ tone: "error", text: error.message }),
    }),
  );

  const busy = connectUrl.isPending || disconnect.isPending || check.isPending;
  const banner =
    message ??
    (notice.connected
      ? { tone: "info" as const, text: `${PROVIDER_NAME[notice.connected]} connected.` }
      : notice.error
        ? { tone: "error" as const, text: connectErrorMessage(notice.error, notice.provider) }
        : null);

  return (
    <div className="space-y-6">
      {banner && (
        <p
          role={banner.tone === "error" ? "alert" : "status"}
          data-testid="connections-notice"
          className={`rounded-md p-3 text-sm ${banner.tone === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`}
        >
          {banner.text}
        </p>
      )}
      {me.data && !canManage && (
        <p data-testid="view-only-notice" className="text-sm text-slate-600">
          You are a member of this organization: you can see its connections; its owners and admins change them.
        </p>
      )}
      {list.isPending ? (
        <div aria-busy="true" aria-label="Loading the connections" className="grid gap-6 md:grid-cols-2">
          {[0, 1].map((i) => (
            <Card key={i} className="space-y-3">
              <Skeleton className="h-6 w-40" />
              <Skeleton className="h-4 w-full" />
              <Skeleton className="h-9 w-32" />
            </Card>
          ))}
        </div>
      ) : list.isError ? (
        <ErrorState title="The connections couldn't be loaded" message={list.error.message} onRetry={() => void list.refetch()} />
      ) : (
        <div className="grid gap-6 md:grid-cols-2">
          {list.data.map((connection) => {
            const provider = connection.provider as ProviderId;
            return (
              <ConnectionCard
                key={provider}
                connection={connection}
                busy={busy}
                canManage={canManage}
                onConnect={() => {
                  setMessage(null);
                  connectUrl.mutate({ provider });
                }}
                onSwitch={() => setConfirming({ kind: "replace", provider, account: connection.account })}
                onDisconnect={() => setConfirming({ kind: "disconnect", provider, account: connection.account })}
                onCheck={() => {
                  setMessage(null);
                  check.mutate({ provider });
                }}
              />
            );
          })}
        </div>
      )}

      <ConfirmDialog
        open={confirming?.kind === "replace"}
        title={confirming ? `Switch ${PROVIDER_NAME[confirming.provider]} ${PROVIDER_ACCOUNT_NOUN[confirming.provider]}?` : ""}
        confirmLabel={`Continue to ${confirming ? PROVIDER_NAME[confirming.provider] : ""}`}
        busy={busy}
        onCancel={() => setConfirming(null)}
        onConfirm={() => confirming && connectUrl.mutate({ provider: confirming.provider, replace: true })}
      >
        <p>
          {accountLabel(confirming?.account ?? null)} is connected. If you pick a different{" "}
          {confirming ? PROVIDER_ACCOUNT_NOUN[confirming.provider] : "account"}, it replaces this one.
        </p>
        <p>Tandem then forgets which records were linked, and the sync starts afresh with the new one.</p>
      </ConfirmDialog>

      <ConfirmDialog
        open={confirming?.kind === "disconnect"}
        title={confirming ? `Disconnect ${PROVIDER_NAME[confirming.provider]}?` : ""}
        confirmLabel="Disconnect"
        destructive
        busy={busy}
        onCancel={() => setConfirming(null)}
        onConfirm={() => confirming && disconnect.mutate({ provider: confirming.provider })}
      >
        <p>
          Tandem&apos;s access to {accountLabel(confirming?.account ?? null)} is revoked and syncing with it stops. Reconnecting the
          same {confirming ? PROVIDER_ACCOUNT_NOUN[confirming.provider] : "account"} later resumes where it left off.
        </p>
      </ConfirmDialog>
    </div>
  );
}
