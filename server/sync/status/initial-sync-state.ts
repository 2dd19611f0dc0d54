import type { SyncConfig } from "../config";

/**
 * Whether the object's initial sync is still to finish: switched on and not yet begun (switching
 * on clears the last run's progress, so a sync with none is waiting for its run to start), or
 * running. A sync on whose initial sync finished is not, however few records it found: an org with
 * no payments has nothing to wait for.
 */
export function initialSyncUnderway(config: Pick<SyncConfig, "enabled" | "initialSyncRunId" | "initialSyncProgress">): boolean {
  if (config.initialSyncRunId !== null) return true;
  return config.enabled && config.initialSyncProgress === null;
}
