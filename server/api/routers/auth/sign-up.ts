import { z } from "zod";
import { createAccount } from "../../../auth/accounts";
import { signUpInput } from "../../../auth/credentials";
import { accountCreationProcedure } from "../../trpc";

export const signUpResponse = z.object({ userId: z.uuid(), orgId: z.uuid() });

export const signUpRoute = accountCreationProcedure
  .input(signUpInput)
  .output(signUpResponse)
  .mutation(async ({ ctx, input }) => {
    const { userId, orgId } = await createAccount(ctx.db, input);
    return { userId, orgId };
  });
