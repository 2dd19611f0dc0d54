import { z } from "zod";
import { createInvite } from "../../../members/invites";
import { orgAdminProcedure } from "../../trpc";
import { invitedRoleSchema } from "./schemas";

export const inviteInput = z.object({
  email: z.email("Enter a valid email address").max(254, "Use at most 254 characters"),
  role: invitedRoleSchema.default("member"),
});

/**
 * Invites someone by email. There is no mail server: the answer carries the link's path, which the
 * inviter passes on; it works once, for seven days.
 */
export const inviteRoute = orgAdminProcedure
  .input(inviteInput)
  .output(z.object({ path: z.string(), expiresAt: z.date() }))
  .mutation(async ({ ctx, input }) => {
    const { token, expiresAt } = await createInvite(ctx.db, { orgId: ctx.org.id, email: input.email, role: input.role, invitedBy: ctx.session.user.id });
    return { path: `/invite/${token}`, expiresAt };
  });
