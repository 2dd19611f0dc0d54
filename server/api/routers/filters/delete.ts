import { z } from "zod";
import { deleteFilter } from "../../../sync/filters/edit";
import { orgAdminProcedure } from "../../trpc";
import { translated } from "../mappings/errors";

export const deleteFilterInput = z.object({ id: z.uuid() });
export const deleteFilterResponse = z.object({ deleted: z.literal(true) });

/** Deletes an editable filter group; a locked one answers FORBIDDEN with its reason in `data.details`. */
export const deleteFilterRoute = orgAdminProcedure
  .input(deleteFilterInput)
  .output(deleteFilterResponse)
  .mutation(({ ctx, input }) =>
    translated(async () => {
      await deleteFilter(ctx.db, ctx.org.id, input.id);
      return { deleted: true as const };
    }),
  );
