import type { SyncErrorCode } from "../errors";

export type SyncOutcome =
  | { status: "created" | "updated" | "linked" | "unchanged"; linkId: string }
  | { status: "excluded"; linkId: string; reason: string }
  | { status: "failed"; linkId: string; code: SyncErrorCode }
  | { status: "skipped"; reason: string }
  /** An initial sync of the object is running: try again once it is done. */
  | { status: "busy" };

export interface BatchSummary {
  created: number;
  updated: number;
  linked: number;
  unchanged: number;
  excluded: number;
  failed: number;
}

export function emptySummary(): BatchSummary {
  return { created: 0, updated: 0, linked: 0, unchanged: 0, excluded: 0, failed: 0 };
}

export function count(summary: BatchSummary, outcome: SyncOutcome): BatchSummary {
  if (outcome.status in summary) summary[outcome.status as keyof BatchSummary]++;
  return summary;
}
