import { z } from "zod";
import { createFilter } from "../../../sync/filters/edit";
import { orgCatalogueLoader } from "../../../sync/mappings/org-catalogue";
import { orgAdminProviderProcedure } from "../../trpc";
import { translated } from "../mappings/errors";
import { syncObjectSchema } from "../mappings/schemas";
import { filterConditionsSchema, filterDirectionSchema, filterMatchSchema, filterSchema } from "./schemas";

export const createFilterInput = z.object({
  object: syncObjectSchema,
  /** to_quickbooks filters HubSpot properties; to_hubspot filters QuickBooks fields (plus createdAt / updatedAt). */
  direction: filterDirectionSchema,
  match: filterMatchSchema.default("all"),
  conditions: filterConditionsSchema,
  label: z.string().max(100).nullable().optional(),
});

/** Adds an editable filter group, its fields and operators checked against the side the records come from. */
export const createFilterRoute = orgAdminProviderProcedure
  .input(createFilterInput)
  .output(filterSchema)
  .mutation(({ ctx, input }) => translated(() => createFilter(ctx.db, ctx.org.id, input, orgCatalogueLoader(ctx.db, ctx.org.id))));
