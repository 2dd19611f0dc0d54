import { z } from "zod";
import { personOrCompanyName, signUpInput } from "../../../auth/credentials";
import { signUpWithInvite } from "../../../members/accept-invite";
import { accountCreationProcedure } from "../../trpc";
import { toTRPCError } from "./errors";
import { inviteTokenSchema } from "./schemas";

export const joinInput = z.object({ token: inviteTokenSchema, name: personOrCompanyName("Enter your name"), password: signUpInput.shape.password });

/** Someone new signs up through an invite: the account gets the invited email and joins that org (no org of its own). */
export const joinRoute = accountCreationProcedure
  .input(joinInput)
  .output(z.object({ email: z.string() }))
  .mutation(async ({ ctx, input }) => {
    try {
      const { email } = await signUpWithInvite(ctx.db, input);
      return { email };
    } catch (error) {
      throw toTRPCError(error);
    }
  });
