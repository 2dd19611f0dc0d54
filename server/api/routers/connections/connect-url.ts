import { z } from "zod";
import { isSafeReturnTo } from "../../../connections/return-to";
import { startConnection } from "../../../connections/start-connection";
import { orgAdminProcedure } from "../../trpc";
import { toTRPCError } from "./errors";
import { providerSchema } from "./schemas";

export const connectUrlInput = z.object({
  provider: providerSchema,
  replace: z.boolean().default(false),
  /** The page of Tandem to come back to after the provider's consent page (the Connections page if unset). */
  returnTo: z.string().max(500).refine(isSafeReturnTo, "Only a path on this site, like /setup, can be returned to.").optional(),
});
export const connectUrlResponse = z.object({ url: z.url() });

/**
 * Starts an OAuth attempt and returns the provider's authorize URL to send the browser to. With an
 * account already connected it answers CONFLICT (carrying that account) unless `replace` is set.
 */
export const connectUrlRoute = orgAdminProcedure
  .input(connectUrlInput)
  .output(connectUrlResponse)
  .mutation(async ({ ctx, input }) => {
    try {
      return await startConnection(ctx.db, {
        orgId: ctx.org.id,
        userId: ctx.session.user.id,
        provider: input.provider,
        replace: input.replace,
        returnTo: input.returnTo,
      });
    } catch (error) {
      throw toTRPCError(error);
    }
  });
