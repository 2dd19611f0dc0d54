import { z } from "zod";
import { cancelBackfill } from "../../../sync/backfill/store";
import { orgAdminProcedure } from "../../trpc";
import { backfillView } from "./schemas";

export const cancelInput = z.object({ id: z.uuid() });

/** Stops a running backfill after the invoice it is on; what it copied stays synced. */
export const cancelRoute = orgAdminProcedure
  .input(cancelInput)
  .output(backfillView)
  .mutation(({ ctx, input }) => cancelBackfill(ctx.db, ctx.org.id, input.id));
