import type { WorkflowHandler } from "../server/runtime";
import { NonRetriableError } from "../server/runtime";
import { FieldError } from "../server/auth/field-error";
import { db } from "../server/db/client";
import { backfillPage, beginBackfill, finishBackfill } from "../server/sync/backfill/run";
import type { backfillRequested } from "./events";
import { failFastOnPermanentErrors } from "./permanent-errors";

/** A sync switched off or turned the other way meanwhile: no retry brings the backfill back. */
async function step<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await failFastOnPermanentErrors(work);
  } catch (error) {
    throw error instanceof FieldError ? new NonRetriableError(error.message) : error;
  }
}

/**
 * A chain of page steps over the invoices dated in the range, each storing its cursor as its
 * result: a restart resumes at the last page, and the records that page had done are found synced.
 */
const handler: WorkflowHandler<typeof backfillRequested> = async ({ event, step: tools, runId, attempt }) => {
  const { orgId, backfillId } = event.data;
  // The attempt belongs to the first step that runs in this execution; the steps after it are fresh.
  let retried = attempt;
  const firstRun = () => {
    const value = retried;
    retried = 0;
    return value;
  };
  try {
    await tools.run("begin", () => {
      firstRun();
      return step(() => beginBackfill(db(), orgId, backfillId));
    });
    let cursor: string | null = null;
    for (let page = 0, wait = 0; ; ) {
      const result = await tools.run(`page-${page}-${wait}`, () => step(() => backfillPage(db(), orgId, backfillId, page, cursor, runId, firstRun())));
      if ("stopped" in result) break;
      if ("waiting" in result) {
        await tools.sleep(`initial-sync-${page}-${wait++}`, "5s");
        continue;
      }
      cursor = result.next;
      page++;
      if (!cursor) break;
    }
  } catch (error) {
    await tools.run("failed", () => finishBackfill(db(), backfillId, error instanceof Error ? error.message : String(error)));
    throw error;
  }
  await tools.run("finish", () => finishBackfill(db(), backfillId));
};

export default handler;
