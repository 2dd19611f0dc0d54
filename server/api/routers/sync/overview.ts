import { z } from "zod";
import { initialSyncUnderway } from "../../../sync/status/initial-sync-state";
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
    failedByCode: z.array(z.object({ code: z.string(), category: z.string(), explanation: z.string(), fix: z.string(), retryable: z.boolean(), count: z.number() })),
    /** Invoices: the setup's choices (the Custom line item's income account, service dates). */
    invoiceSettings: z.object({
      customLineItemAccountId: z.string().nullable(),
      serviceDateProperty: z.string().nullable(),
      serviceDateFallback: z.enum(["invoice_date", "due_date", "none"]),
    }),
    /** The initial sync: still to finish (waiting to begin or running) or not, and what it has done so far. */
    initialSync: z.object({
      running: z.boolean(),
      progress: z
        .object({
          startedAt: z.string(),
          finishedAt: z.string().optional(),
          pages: z.number(),
          read: z.number(),
          created: z.number(),
          updated: z.number(),
          linked: z.number(),
          unchanged: z.number(),
          excluded: z.number(),
          failed: z.number(),
        })
        .nullable(),
    }),
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
    invoiceSettings: {
      customLineItemAccountId: typeof config.settings.customLineItemAccountId === "string" ? config.settings.customLineItemAccountId : null,
      serviceDateProperty: typeof config.settings.serviceDateProperty === "string" ? config.settings.serviceDateProperty : null,
      serviceDateFallback: (["invoice_date", "due_date", "none"] as const).find((f) => f === config.settings.serviceDateFallback) ?? "none",
    },
    initialSync: { running: initialSyncUnderway(config), progress: config.initialSyncProgress },
  }));
});
