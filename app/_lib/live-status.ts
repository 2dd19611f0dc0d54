import type { OverviewItem } from "./api-types";

type Status = Pick<OverviewItem, "enabled" | "counts" | "initialSync">;

/**
 * Syncs are running: a switched-on object's initial sync is still to finish (waiting to begin or
 * reading), or records wait to sync. A switched-on object with no records whose initial sync
 * finished is idle: an org without payments has none to wait for.
 */
export function syncsRunning(items: Status[] | undefined): boolean {
  return Boolean(items?.some((item) => item.enabled && (item.counts.pending > 0 || item.initialSync.running)));
}

/** How often a page following the syncs refreshes the overview: every 2 s while they run, else every 5 s. */
export function overviewRefreshMs(items: Status[] | undefined): number {
  return syncsRunning(items) ? 2000 : 5000;
}
