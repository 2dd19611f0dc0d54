import { z } from "zod";
import { updateMapping } from "../../../sync/mappings/edit";
import { orgCatalogueLoader } from "../../../sync/mappings/org-catalogue";
import { orgAdminProcedure } from "../../trpc";
import { translated } from "./errors";
import { conflictWinnerSchema, mappingChangeResponse, mappingDirectionSchema, valueMapSchema } from "./schemas";

export const updateMappingInput = z.object({
  id: z.uuid(),
  enabled: z.boolean().optional(),
  direction: mappingDirectionSchema.optional(),
  /** null: follow the object's conflict winner. */
  conflictWinner: conflictWinnerSchema.nullable().optional(),
  valueMap: valueMapSchema.nullable().optional(),
  /** Custom mappings only. */
  hubspotProperty: z.string().min(1).optional(),
  quickbooksPath: z.string().min(1).optional(),
  label: z.string().min(1).max(100).optional(),
});

/** Switches a mapping on or off, changes its direction, winner override or value map, or re-points a custom one. */
export const updateMappingRoute = orgAdminProcedure
  .input(updateMappingInput)
  .output(mappingChangeResponse)
  .mutation(({ ctx, input: { id, ...patch } }) => translated(() => updateMapping(ctx.db, ctx.org.id, id, patch, orgCatalogueLoader(ctx.db, ctx.org.id))));
