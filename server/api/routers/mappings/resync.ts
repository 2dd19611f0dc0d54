import { z } from "zod";
import { queueResync } from "../../../sync/mappings/resync";
import { orgAdminProcedure } from "../../trpc";
import { queuedBatchResponse } from "../sync/retry-all";
import { syncObjectSchema } from "./schemas";

export const resyncInput = z.object({ object: syncObjectSchema });
export const resyncResponse = queuedBatchResponse;

/** Syncs every linked record of the object again under the current mappings, even if unchanged; answers the batch to follow them by. */
export const resyncRoute = orgAdminProcedure
  .input(resyncInput)
  .output(resyncResponse)
  .mutation(async ({ ctx, input }) => queueResync(ctx.db, ctx.org.id, input.object));
