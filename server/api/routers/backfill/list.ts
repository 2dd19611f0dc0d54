import { z } from "zod";
import { listBackfills } from "../../../sync/backfill/store";
import { orgProcedure } from "../../trpc";
import { backfillObject, backfillView } from "./schemas";

export const listInput = z.object({ object: backfillObject });

/** The object's backfills, newest first, with their live progress. */
export const listRoute = orgProcedure
  .input(listInput)
  .output(z.array(backfillView))
  .query(({ ctx, input }) => listBackfills(ctx.db, ctx.org.id, input.object));
