import { z } from "zod";
import { disconnect } from "../../../connections/disconnect";
import { orgAdminProviderProcedure } from "../../trpc";
import { toTRPCError } from "./errors";
import { providerSchema } from "./schemas";

export const disconnectInput = z.object({ provider: providerSchema });
export const disconnectResponse = z.object({ revoked: z.boolean() });

/**
 * Disconnects and revokes the provider's tokens; `revoked` is false when the provider couldn't be
 * told. NOT_FOUND when nothing is connected.
 */
export const disconnectRoute = orgAdminProviderProcedure
  .input(disconnectInput)
  .output(disconnectResponse)
  .mutation(async ({ ctx, input }) => {
    try {
      return await disconnect(ctx.db, ctx.org.id, input.provider);
    } catch (error) {
      throw toTRPCError(error);
    }
  });
