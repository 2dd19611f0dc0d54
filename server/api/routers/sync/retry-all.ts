import { z } from "zod";
import { queueRetryAll } from "../../../sync/status/queue";
import { orgAdminProcedure } from "../../trpc";
import { errorCodeSchema, syncedObject } from "./schemas";

export const retryAllInput = z.object({ errorCode: errorCodeSchema, object: syncedObject.optional() });

/** What a request that queues many records answers: how many, and the batch to follow them by (null when none). */
export const queuedBatchResponse = z.object({ queued: z.number().int(), batchId: z.uuid().nullable(), queuedAt: z.date() });

/** Re-queues every failed record with the error code (of one object, or of every object), all in one transaction. */
export const retryAllRoute = orgAdminProcedure
  .input(retryAllInput)
  .output(queuedBatchResponse)
  .mutation(async ({ ctx, input }) => queueRetryAll(ctx.db, ctx.org.id, input.errorCode, input.object));
