import { z } from "zod";
import { startConnection } from "../../../connections/start-connection";
import { orgAdminProcedure } from "../../trpc";
import { toTRPCError } from "./errors";
import { providerSchema } from "./schemas";

export const connectUrlInput = z.object({ provider: providerSchema, replace: z.boolean().default(false) });
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
      });
    } catch (error) {
      throw toTRPCError(error);
    }
  });
