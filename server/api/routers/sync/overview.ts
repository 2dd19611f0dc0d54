import { z } from "zod";
import { objectOverview } from "../../../sync/overview";
import { orgProcedure } from "../../trpc";
import { syncedObject } from "./schemas";

const counts = z.object({ synced: z.number(), failed: z.number(), excluded: z.number(), pending: z.number() });

export const overviewResponse = z.array(
  z.object({
    object: syncedObject,
    enabled: z.boolean(),
    direction: z.enum(["two_way", "to_quickbooks", "to_hubspot"]),
    conflictWinner: z.enum(["hubspot", "quickbooks"]),
    startedAt: z.date().nullable(),
    displayNameSuffix: z.boolean(),
    counts,
  }),
);

/** Per object: whether it syncs, how, and how many records are synced / failed / excluded / pending. */
export const overviewRoute = orgProcedure.output(overviewResponse).query(async ({ ctx }) =>
  Promise.all(
    syncedObject.options.map(async (object) => {
      const { config, counts } = await objectOverview(ctx.db, ctx.org.id, object);
      return {
        object,
        enabled: config.enabled,
        direction: config.direction,
        conflictWinner: config.conflictWinner,
        startedAt: config.startedAt,
        displayNameSuffix: config.settings.displayNameSuffix === true,
        counts,
      };
    }),
  ),
);
