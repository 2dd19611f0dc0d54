import { z } from "zod";
import { syncStatusOverview } from "../../../sync/status/overview";
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
    /** Top-level records per state (invoice lines and payment applications count with their parent). */
    counts,
    /** Failed records per error code, most first: each can be retried at once with `sync.retryAll`. */
    failedByCode: z.array(z.object({ code: z.string(), category: z.string(), retryable: z.boolean(), count: z.number() })),
  }),
);

/** Per object: whether it syncs, how, how many records are synced / failed / excluded / pending, and the failures by code. */
export const overviewRoute = orgProcedure.output(overviewResponse).query(async ({ ctx }) => {
  const objects = await syncStatusOverview(ctx.db, ctx.org.id, syncedObject.options);
  return objects.map(({ object, config, counts, failedByCode }) => ({
    object,
    enabled: config.enabled,
    direction: config.direction,
    conflictWinner: config.conflictWinner,
    startedAt: config.startedAt,
    displayNameSuffix: config.settings.displayNameSuffix === true,
    counts,
    failedByCode,
  }));
});
