import { z } from "zod";
import { createMapping } from "../../../sync/mappings/edit";
import { orgCatalogueLoader } from "../../../sync/mappings/org-catalogue";
import { orgAdminProviderProcedure } from "../../trpc";
import { translated } from "./errors";
import { collectionOfObject, conflictWinnerSchema, mappingChangeResponse, mappingDirectionSchema, objectCollectionShape, valueMapSchema } from "./schemas";

export const createMappingInput = collectionOfObject(
  z.object({
    ...objectCollectionShape,
    hubspotProperty: z.string().min(1, "Choose a HubSpot property."),
    quickbooksPath: z.string().min(1, "Choose a QuickBooks field."),
    direction: mappingDirectionSchema.default("both"),
    valueMap: valueMapSchema.nullable().optional(),
    conflictWinner: conflictWinnerSchema.nullable().optional(),
    /** Defaults to the HubSpot property's label. */
    label: z.string().max(100).optional(),
  }),
);

/**
 * Adds a custom mapping between any HubSpot property and any QuickBooks field of the object
 * (invoice custom fields included), after checking both exist and their kinds fit.
 */
export const createMappingRoute = orgAdminProviderProcedure
  .input(createMappingInput)
  .output(mappingChangeResponse)
  .mutation(({ ctx, input }) => translated(() => createMapping(ctx.db, ctx.org.id, input, orgCatalogueLoader(ctx.db, ctx.org.id))));
