import { z } from "zod";
import { updateFilter } from "../../../sync/filters/edit";
import { queueExcludedRecheck } from "../../../sync/filters/recheck";
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

export const updateFilterResponse = filterSchema.extend({
  /** Records excluded on this direction, checked again under the changed filter. */
  rechecked: z.number().int(),
});

/**
 * Changes an editable filter group and checks the records excluded on its direction again (they
 * may pass now); a locked one answers FORBIDDEN with its reason in `data.details`.
 */
export const updateFilterRoute = orgAdminProcedure
  .input(updateFilterInput)
  .output(updateFilterResponse)
  .mutation(({ ctx, input: { id, ...patch } }) =>
    translated(async () => {
      const filter = await updateFilter(ctx.db, ctx.org.id, id, patch, orgCatalogueLoader(ctx.db, ctx.org.id));
      return { ...filter, rechecked: await queueExcludedRecheck(ctx.db, ctx.org.id, filter.object, filter.direction) };
    }),
  );
