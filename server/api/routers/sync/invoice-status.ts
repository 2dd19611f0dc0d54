import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { invoiceStatus } from "../../../sync/status/detail";
import { orgProcedure } from "../../trpc";
import { describedErrorSchema, recordStateSchema, sideSchema } from "./schemas";

export const invoiceStatusInput = z.object({ side: sideSchema, id: z.string().trim().min(1).max(100) });

export const invoiceStatusResponse = z.object({
  linkId: z.uuid(),
  side: sideSchema,
  id: z.string(),
  /** This invoice's own page. */
  url: z.string().nullable(),
  label: z.string().nullable(),
  state: recordStateSchema,
  counterpart: z.object({ side: sideSchema, id: z.string(), url: z.string().nullable() }).nullable(),
  lastSyncedAt: z.date().nullable(),
  error: describedErrorSchema.nullable(),
  /** It failed, so the user can retry it (`sync.retry({ id: linkId })`). */
  canRetry: z.boolean(),
  excludedReason: z.string().nullable(),
});

/** The "Integration sync" panel of one invoice, by its HubSpot or QuickBooks id; NOT_FOUND when Tandem doesn't know it. */
export const invoiceStatusRoute = orgProcedure
  .input(invoiceStatusInput)
  .output(invoiceStatusResponse)
  .query(async ({ ctx, input }) => {
    const status = await invoiceStatus(ctx.db, ctx.org.id, input.side, input.id);
    if (!status) throw new TRPCError({ code: "NOT_FOUND", message: "Tandem hasn't synced this invoice." });
    return status;
  });
