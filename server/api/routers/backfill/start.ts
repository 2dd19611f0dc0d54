import { z } from "zod";
import { startBackfill } from "../../../sync/backfill/store";
import { orgAdminProcedure } from "../../trpc";
import { backfillDirection, backfillObject, backfillView, dateRange } from "./schemas";

export const startInput = z.object({ object: backfillObject, direction: backfillDirection, range: dateRange });

/** Starts copying the invoices dated in the range one way; its progress is `backfill.list`'s first entry. */
export const startRoute = orgAdminProcedure
  .input(startInput)
  .output(backfillView)
  .mutation(({ ctx, input }) => startBackfill(ctx.db, ctx.org.id, ctx.session.user.id, input));
