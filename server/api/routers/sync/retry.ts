import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordLinks } from "../../../db/schema";
import { findOrgLink } from "../../../sync/status/detail";
import { queueRetry } from "../../../sync/status/queue";
import { orgAdminProcedure } from "../../trpc";
import { sideSchema } from "./schemas";

export const retryInput = z.object({ id: z.uuid() });

/** What was queued: the record, read again from `side` (its origin) under `recordId`. */
export const queuedOneResponse = z.object({
  queued: z.number().int(),
  linkId: z.uuid(),
  side: sideSchema,
  recordId: z.string(),
  /** The server's time of queueing: activity at or after it is this run's (the browser's clock may differ). */
  queuedAt: z.date(),
});

/**
 * Re-queues one failed record. The run reads it from the side it came from (its origin, where it
 * always has an id) and the counterpart, as any change would. Two clicks on an unchanged record
 * within a minute queue one run.
 */
export const retryRoute = orgAdminProcedure
  .input(retryInput)
  .output(queuedOneResponse)
  .mutation(async ({ ctx, input }) => {
    const found = await findOrgLink(ctx.db, ctx.org.id, eq(recordLinks.id, input.id));
    if (!found) throw new TRPCError({ code: "NOT_FOUND", message: "No such record." });
    const link = !found.ownRecord ? await findOrgLink(ctx.db, ctx.org.id, eq(recordLinks.id, found.parentLinkId!)) : found;
    if (!link || link.state !== "failed") {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Only a failed record can be retried; resync it to re-apply it." });
    }
    const queuedAt = new Date();
    const queued = await queueRetry(ctx.db, ctx.org.id, link);
    if (!queued) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "The record has no id on either side to read it from." });
    return { queued: 1, linkId: link.id, ...queued, queuedAt };
  });
