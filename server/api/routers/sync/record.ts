import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordDetail } from "../../../sync/status/detail";
import { orgProcedure } from "../../trpc";
import { describedErrorSchema, recordSchema, sideSchema } from "./schemas";

export const recordInput = z.object({ id: z.uuid() });

export const activityEntrySchema = z.object({
  id: z.uuid(),
  at: z.date(),
  /** The side written to (or that would have been, for a failure). */
  target: sideSchema,
  direction: z.enum(["to_hubspot", "to_quickbooks"]),
  /** "QuickBooks → HubSpot" */
  directionLabel: z.string(),
  action: z.string(),
  /** The action in words ("Linked to the existing record"). */
  actionLabel: z.string(),
  /** Per changed field, the value on the written side before and after (an invoice's lines as one readable row each). */
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() })),
  error: describedErrorSchema.nullable(),
  message: z.string().nullable(),
  runId: z.string().nullable(),
});

export const recordResponse = recordSchema.extend({
  /** The invoice a payment (or payment application) belongs to. */
  parent: recordSchema.nullable(),
  /** An invoice's payments (or a payment's applications). */
  children: z.array(recordSchema),
  /** An invoice's lines as last synced, one readable row each ("2 × Widget (WID-001) at $25.00"); empty for other records. */
  lines: z.array(z.string()),
  /** Newest first, at most 50. */
  activity: z.array(activityEntrySchema),
});

/** One record: its state and error, the pages on both sides, its parent / children and its activity. */
export const recordRoute = orgProcedure
  .input(recordInput)
  .output(recordResponse)
  .query(async ({ ctx, input }) => {
    const detail = await recordDetail(ctx.db, ctx.org.id, input.id);
    if (!detail) throw new TRPCError({ code: "NOT_FOUND", message: "No such record." });
    return detail;
  });
