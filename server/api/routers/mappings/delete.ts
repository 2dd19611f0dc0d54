import { z } from "zod";
import { deleteMapping } from "../../../sync/mappings/edit";
import { orgAdminProcedure } from "../../trpc";
import { translated } from "./errors";
import { mappingChangeResponse } from "./schemas";

export const deleteMappingInput = z.object({ id: z.uuid() });

/** Deletes a custom mapping; default ones can only be switched off (PRECONDITION_FAILED). */
export const deleteMappingRoute = orgAdminProcedure
  .input(deleteMappingInput)
  .output(mappingChangeResponse)
  .mutation(({ ctx, input }) => translated(() => deleteMapping(ctx.db, ctx.org.id, input.id)));
