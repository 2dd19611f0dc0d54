import { z } from "zod";
import { previewInitialSync } from "../../../sync/engine/preview";
import { orgProviderProcedure } from "../../trpc";
import { describedErrorSchema, syncedObject } from "./schemas";

export const previewInput = z.object({ object: syncedObject });

const action = z.enum(["create", "link", "update", "unchanged", "exclude", "fail"]);

export const previewResponse = z.object({
  counts: z.record(action, z.number()),
  items: z.array(
    z.object({
      action,
      side: z.enum(["hubspot", "quickbooks"]),
      id: z.string(),
      label: z.string(),
      counterpartId: z.string().nullable(),
      changes: z.array(z.object({ field: z.string(), label: z.string(), side: z.enum(["hubspot", "quickbooks"]), before: z.unknown(), after: z.unknown() })),
      reason: z.string().nullable(),
      /** A record that would fail: the error its sync would record. */
      error: describedErrorSchema.nullable(),
    }),
  ),
  /** How many records were read. */
  read: z.number().int(),
  /** Every record was read: the counts are the whole first sync (false: they cover the `read` records only). */
  countsComplete: z.boolean(),
  /** `items` lists every counted record but the unchanged ones (false: the first of them only). */
  listComplete: z.boolean(),
});

/** What switching the object's sync on would do now, with the settings as saved; writes nothing. */
export const previewRoute = orgProviderProcedure
  .input(previewInput)
  .output(previewResponse)
  .query(({ ctx, input }) => previewInitialSync(ctx.db, ctx.org.id, input.object));
