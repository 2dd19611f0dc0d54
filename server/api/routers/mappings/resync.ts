import { z } from "zod";
import { queueResync } from "../../../sync/mappings/resync";
import { orgAdminProcedure } from "../../trpc";
import { syncObjectSchema } from "./schemas";

export const resyncInput = z.object({ object: syncObjectSchema });
export const resyncResponse = z.object({ queued: z.number().int() });

/** Syncs every linked record of the object again under the current mappings, even if unchanged. */
export const resyncRoute = orgAdminProcedure
  .input(resyncInput)
  .output(resyncResponse)
  .mutation(async ({ ctx, input }) => ({ queued: await queueResync(ctx.db, ctx.org.id, input.object) }));
