import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { batchOutcome } from "../../../sync/status/batches";
import { orgProcedure } from "../../trpc";
import { describedErrorSchema } from "./schemas";

export const batchOutcomeInput = z.object({ id: z.uuid() });

export const batchOutcomeResponse = z.object({
  total: z.number().int(),
  /** Not run since they were queued. */
  waiting: z.number().int(),
  synced: z.number().int(),
  failed: z.number().int(),
  excluded: z.number().int(),
  /** The first failed records by name, each with its error. */
  failures: z.array(z.object({ id: z.uuid(), label: z.string().nullable(), error: describedErrorSchema.nullable() })),
});

/** Where the records of one "retry all" or resync ended: synced, failed (which, and why) or still waiting. */
export const batchOutcomeRoute = orgProcedure
  .input(batchOutcomeInput)
  .output(batchOutcomeResponse)
  .query(async ({ ctx, input }) => {
    const outcome = await batchOutcome(ctx.db, ctx.org.id, input.id);
    if (!outcome) throw new TRPCError({ code: "NOT_FOUND", message: "No such batch." });
    return outcome;
  });
