import { z } from "zod";
import { listFilters } from "../../../sync/filters/edit";
import { orgProcedure } from "../../trpc";
import { syncObjectSchema } from "../mappings/schemas";
import { filterSchema } from "./schemas";

export const listFiltersInput = z.object({ object: syncObjectSchema });
export const listFiltersResponse = z.array(filterSchema);

/** The object's filter groups both ways, locked ones with the reason they exist. */
export const listFiltersRoute = orgProcedure
  .input(listFiltersInput)
  .output(listFiltersResponse)
  .query(({ ctx, input }) => listFilters(ctx.db, ctx.org.id, input.object));
