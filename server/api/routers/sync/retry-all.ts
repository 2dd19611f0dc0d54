import { z } from "zod";
import { queueRetryAll } from "../../../sync/status/queue";
import { orgAdminProcedure } from "../../trpc";
import { errorCodeSchema, syncedObject } from "./schemas";

export const retryAllInput = z.object({ errorCode: errorCodeSchema, object: syncedObject.optional() });
export const retryAllResponse = z.object({ queued: z.number().int() });

/** Re-queues every failed record with the error code (of one object, or of every object), all in one transaction. */
export const retryAllRoute = orgAdminProcedure
  .input(retryAllInput)
  .output(retryAllResponse)
  .mutation(async ({ ctx, input }) => queueRetryAll(ctx.db, ctx.org.id, input.errorCode, input.object));
