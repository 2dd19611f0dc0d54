import { z } from "zod";
import { changePassword } from "../../../auth/change-password";
import { changePasswordInput } from "../../../auth/credentials";
import { protectedProcedure } from "../../trpc";

/** Changes the signed-in user's password; all their sessions end, so the client signs in again. */
export const changePasswordRoute = protectedProcedure
  .input(changePasswordInput)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await changePassword(ctx.db, ctx.session.user.id, input.currentPassword, input.newPassword);
    return { ok: true as const };
  });
