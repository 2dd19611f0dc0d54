import { z } from "zod";
import { checkConnectionHealth } from "../../../connections/check-health";
import { orgProviderProcedure } from "../../trpc";
import { toTRPCError } from "./errors";
import { connectionSummarySchema, providerSchema } from "./schemas";

export const healthInput = z.object({ provider: providerSchema });

/** Checks the connection against the provider now (refreshing if due) and returns its health. */
export const healthRoute = orgProviderProcedure
  .input(healthInput)
  .output(connectionSummarySchema)
  .mutation(async ({ ctx, input }) => {
    try {
      return await checkConnectionHealth(ctx.db, ctx.org.id, input.provider);
    } catch (error) {
      throw toTRPCError(error);
    }
  });
