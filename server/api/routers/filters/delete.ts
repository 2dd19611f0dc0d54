import { queueExcludedRecheck } from "../../../sync/filters/recheck";
import { z } from "zod";
import { deleteFilter } from "../../../sync/filters/edit";
import { orgAdminProcedure } from "../../trpc";
import { translated } from "../mappings/errors";

export const deleteFilterInput = z.object({ id: z.uuid() });
export const deleteFilterResponse = z.object({
  deleted: z.literal(true),
  /** Records the filter kept out, now checked again. */
  rechecked: z.number().int(),
})

/** Deletes an editable filter group and checks the records it excluded again; a locked one answers FORBIDDEN with its reason in `data.details`. */
export const deleteFilterRoute = orgAdminProcedure
  .input(deleteFilterInput)
  .output(deleteFilterResponse)
  .mutation(({ ctx, input }) =>
    translated(async () => {
      const deleted = await deleteFilter(ctx.db, ctx.org.id, input.id);
      return { deleted: true as const, rechecked: await queueExcludedRecheck(ctx.db, ctx.org.id, deleted.object, deleted.direction) };
    }),
  );
