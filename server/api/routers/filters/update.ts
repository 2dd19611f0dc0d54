import { z } from "zod";
import { updateFilter } from "../../../sync/filters/edit";
import { orgCatalogueLoader } from "../../../sync/mappings/org-catalogue";
import { orgAdminProcedure } from "../../trpc";
import { translated } from "../mappings/errors";
import { filterConditionsSchema, filterMatchSchema, filterSchema } from "./schemas";

export const updateFilterInput = z.object({
  id: z.uuid(),
  match: filterMatchSchema.optional(),
  conditions: filterConditionsSchema.optional(),
  label: z.string().max(100).nullable().optional(),
});

/** Changes an editable filter group; a locked one answers FORBIDDEN with its reason in `data.details`. */
export const updateFilterRoute = orgAdminProcedure
  .input(updateFilterInput)
  .output(filterSchema)
  .mutation(({ ctx, input: { id, ...patch } }) => translated(() => updateFilter(ctx.db, ctx.org.id, id, patch, orgCatalogueLoader(ctx.db, ctx.org.id))));
