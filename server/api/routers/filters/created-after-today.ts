import { z } from "zod";
import { addCreatedAfterToday } from "../../../sync/filters/edit";
import { orgAdminProcedure } from "../../trpc";
import { syncObjectSchema } from "../mappings/schemas";
import { filterSchema } from "./schemas";

export const createdAfterTodayInput = z.object({ object: syncObjectSchema });
export const createdAfterTodayResponse = z.object({ filter: filterSchema, created: z.boolean() });

/** Adds the recommended inbound filter "created after <today>" (or answers with the one already there). */
export const createdAfterTodayRoute = orgAdminProcedure
  .input(createdAfterTodayInput)
  .output(createdAfterTodayResponse)
  .mutation(({ ctx, input }) => addCreatedAfterToday(ctx.db, ctx.org.id, input.object));
