import { z } from "zod";
import { acceptInvite } from "../../../members/accept-invite";
import { protectedProcedure } from "../../trpc";
import { toTRPCError } from "./errors";
import { inviteTokenSchema } from "./schemas";

/** The signed-in user joins the org an invite to their email is for. */
export const acceptInviteRoute = protectedProcedure
  .input(z.object({ token: inviteTokenSchema }))
  .output(z.object({ orgId: z.uuid() }))
  .mutation(async ({ ctx, input }) => {
    try {
      return await acceptInvite(ctx.db, input.token, ctx.session.user.id);
    } catch (error) {
      throw toTRPCError(error);
    }
  });
