import { z } from "zod";
import { SYNC_ERRORS, type SyncErrorCode } from "../../../sync/errors";
import { recentRecords } from "../../../sync/overview";
import { orgProcedure } from "../../trpc";
import { syncedObject, recordStateSchema } from "./schemas";

export const recordsInput = z.object({ object: syncedObject, state: recordStateSchema, limit: z.number().int().min(1).max(100).default(50) });

export const recordsResponse = z.array(
  z.object({
    id: z.uuid(),
    label: z.string().nullable(),
    hubspotId: z.string().nullable(),
    quickbooksId: z.string().nullable(),
    error: z.object({ code: z.string(), category: z.string(), explanation: z.string(), fix: z.string(), detail: z.string().nullable() }).nullable(),
    excludedReason: z.string().nullable(),
    lastSyncedAt: z.date().nullable(),
  }),
);

function describeError(code: string | null, detail: string | null) {
  if (!code) return null;
  const entry = SYNC_ERRORS[code as SyncErrorCode] ?? SYNC_ERRORS.VALIDATION_FAILED;
  return { code, category: entry.category, explanation: entry.explanation, fix: entry.fix, detail };
}

/** The records of one object in one state, newest first, failures described from the catalogue. */
export const recordsRoute = orgProcedure
  .input(recordsInput)
  .output(recordsResponse)
  .query(async ({ ctx, input }) => {
    const rows = await recentRecords(ctx.db, ctx.org.id, input.object, input.state, input.limit);
    return rows.map((row) => ({
      id: row.id,
      label: row.label,
      hubspotId: row.hubspotId,
      quickbooksId: row.quickbooksId,
      error: describeError(row.errorCode, row.errorDetail),
      excludedReason: row.excludedReason,
      lastSyncedAt: row.lastSyncedAt,
    }));
  });
