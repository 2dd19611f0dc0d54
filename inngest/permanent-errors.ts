import { NonRetriableError } from "../server/runtime";
import { toSyncError } from "../server/providers/sync-errors";

/**
 * Runs a step's work; a failure that no retry can fix (a connection to reconnect, data the
 * provider refuses) stops the run at once instead of spending its retries.
 */
export async function failFastOnPermanentErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const syncError = toSyncError(error);
    if (syncError && !syncError.retryable) throw new NonRetriableError(syncError.message);
    throw error;
  }
}
