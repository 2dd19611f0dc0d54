import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { recordLinks } from "../../../db/schema";
import { findOrgLink } from "../../../sync/status/detail";
import { queueResync } from "../../../sync/status/queue";
import { orgAdminProcedure } from "../../trpc";
import { queuedOneResponse, retryInput } from "./retry";

export const resyncInput = retryInput;
export const resyncResponse = queuedOneResponse;

/**
 * Re-reads both sides of one record and re-applies it even where nothing changed since the last
 * sync (`force`), from the sending side of a one-way sync or the origin of a two-way one. An
 * invoice line resyncs its invoice.
 */
export const resyncRoute = orgAdminProcedure
  .input(resyncInput)
  .output(resyncResponse)
  .mutation(async ({ ctx, input }) => {
    const found = await findOrgLink(ctx.db, ctx.org.id, eq(recordLinks.id, input.id));
    if (!found) throw new TRPCError({ code: "NOT_FOUND", message: "No such record." });
    const link = !found.ownRecord ? await findOrgLink(ctx.db, ctx.org.id, eq(recordLinks.id, found.parentLinkId!)) : found;
    if (!link) throw new TRPCError({ code: "NOT_FOUND", message: "No such record." });
    const queuedAt = new Date();
    const queued = await queueResync(ctx.db, ctx.org.id, link);
    if (!queued) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "The record has no id on either side to read it from." });
    return { queued: 1, linkId: link.id, ...queued, queuedAt };
  });
