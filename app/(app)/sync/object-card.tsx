"use client";

import Link from "next/link";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { cn, focusRing } from "@/app/_components/ui/cn";
import type { OverviewItem, RecordState } from "@/app/_lib/api-types";
import { DIRECTION_TEXT, errorWords, OBJECT_TEXT, SIDE_NAME, STATES, STATE_TEXT } from "@/app/_lib/sync-labels";
import { effectOf } from "./sync-effect";
import { SyncSwitch } from "./sync-switch";

interface ObjectCardProps {
  item: OverviewItem;
  canManage: boolean;
  busy: boolean;
  onToggle: (enabled: boolean) => void;
  onOpen: (state: RecordState, errorCode?: string) => void;
  onRetryAll: (errorCode: string) => void;
  retryingAll: boolean;
}

/** One object in the overview: its switch (with what it does), its counts and its failures by code, explained. */
export function ObjectCard({ item, canManage, busy, onToggle, onOpen, onRetryAll, retryingAll }: ObjectCardProps) {
  const text = OBJECT_TEXT[item.object];
  const effectId = `sync-effect-${item.object}`;
  return (
    <Card data-testid={`sync-${item.object}`} aria-labelledby={`sync-title-${item.object}`}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={`sync-title-${item.object}`} className="text-lg font-semibold">
            {text.title}
          </h2>
          <p className="text-sm text-slate-600">{text.detail}</p>
        </div>
        <SyncSwitch item={item} canManage={canManage} busy={busy} onToggle={onToggle} effectId={effectId} />
      </div>
      <p id={effectId} data-testid={`sync-effect-${item.object}`} className="mt-2 text-sm text-slate-700">
        {effectOf(item)}
      </p>
      {item.object !== "payments" && (
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
          <span>
            {DIRECTION_TEXT[item.direction].label} · when both sides changed, {SIDE_NAME[item.conflictWinner]} wins
          </span>
          {canManage && (
            <Link href={`/sync/${item.object}/settings`} className={cn("rounded font-medium text-brand-700 underline-offset-2 hover:underline", focusRing)}>
              Edit settings
            </Link>
          )}
        </p>
      )}
      <div className="mt-4 grid grid-cols-2 gap-2 sm:grid-cols-4">
        {STATES.map((state) => (
          <button
            key={state}
            type="button"
            onClick={() => onOpen(state)}
            aria-label={`${item.counts[state]} ${state} ${text.title.toLowerCase()}: show them`}
            className={cn("rounded-lg border border-slate-200 px-2 py-2 text-center hover:bg-slate-50", focusRing)}
          >
            <span className={cn("block text-xl font-semibold", STATE_TEXT[state].color)} data-testid={`${item.object}-${state}`}>
              {item.counts[state]}
            </span>
            <span className="block text-xs text-slate-500">{STATE_TEXT[state].label}</span>
          </button>
        ))}
      </div>
      {item.failedByCode.length > 0 && (
        <div className="mt-4 space-y-3">
          <h3 className="text-sm font-semibold text-slate-800">Why records failed</h3>
          <ul className="space-y-3">
            {item.failedByCode.map((failure) => {
              const words = errorWords(failure.code);
              return (
                <li key={failure.code} data-testid={`failure-${item.object}-${failure.code}`} className="rounded-md border border-red-100 bg-red-50/60 p-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="danger">{failure.category}</Badge>
                    <span className="font-medium text-slate-800">
                      {failure.count} {failure.count === 1 ? text.singular : text.title.toLowerCase()}
                    </span>
                  </div>
                  {words && (
                    <>
                      <p className="mt-2 text-slate-800">{words.explanation}</p>
                      <p className="mt-1 text-slate-800">
                        <span className="font-semibold">How to fix: </span>
                        {words.fix}
                      </p>
                    </>
                  )}
                  <div className="mt-2 flex flex-wrap gap-2">
                    <Button size="sm" variant="secondary" onClick={() => onOpen("failed", failure.code)}>
                      Show them
                    </Button>
                    {canManage && (
                      <Button size="sm" variant="secondary" disabled={retryingAll} onClick={() => onRetryAll(failure.code)}>
                        Retry all {failure.count}
                      </Button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </Card>
  );
}
