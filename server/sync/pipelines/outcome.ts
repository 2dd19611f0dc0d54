import type { SyncErrorCode } from "../errors";

export type RecordOutcome =
  | { status: "created" | "updated" | "linked" | "unchanged"; linkId: string }
  | { status: "excluded"; linkId: string; reason: string }
  | { status: "failed"; linkId: string; code: SyncErrorCode };

export interface BatchSummary {
  created: number;
  updated: number;
  linked: number;
  unchanged: number;
  excluded: number;
  failed: number;
}

export function summarize(outcomes: RecordOutcome[]): BatchSummary {
  const summary: BatchSummary = { created: 0, updated: 0, linked: 0, unchanged: 0, excluded: 0, failed: 0 };
  for (const outcome of outcomes) summary[outcome.status]++;
  return summary;
}
