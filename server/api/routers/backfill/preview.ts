import { z } from "zod";
import { previewBackfill } from "../../../sync/backfill/preview";
import { orgProviderProcedure } from "../../trpc";
import { backfillDirection, backfillObject, dateRange } from "./schemas";

export const previewInput = z.object({ object: backfillObject, direction: backfillDirection, range: dateRange });

const action = z.enum(["create", "link", "unchanged", "exclude", "fail"]);

export const previewResponse = z.object({
  total: z.number(),
  counts: z.record(action, z.number()),
  excludedReasons: z.array(z.object({ reason: z.string(), count: z.number() })),
  items: z.array(z.object({ action, id: z.string(), label: z.string(), counterpartId: z.string().nullable(), reason: z.string().nullable() })),
  truncated: z.boolean(),
});

/** What a backfill of the range would do now: created, linked by number, already synced, left out and why. Writes nothing. */
export const previewRoute = orgProviderProcedure
  .input(previewInput)
  .output(previewResponse)
  .query(({ ctx, input }) => previewBackfill(ctx.db, ctx.org.id, input.object, input.direction, input.range));
