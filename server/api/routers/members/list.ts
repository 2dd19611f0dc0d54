import { z } from "zod";
import { listOpenInvites } from "../../../members/invites";
import { listMembers } from "../../../members/list-members";
import { orgProcedure } from "../../trpc";
import { invitedRoleSchema, roleSchema } from "./schemas";

export const listResponse = z.object({
  members: z.array(z.object({ userId: z.uuid(), name: z.string().nullable(), email: z.string(), role: roleSchema })),
  invites: z.array(z.object({ email: z.string(), role: roleSchema.or(invitedRoleSchema), expiresAt: z.date() })),
});

/** Everyone in the org and the invitations not yet accepted; every member may see them. */
export const listRoute = orgProcedure.output(listResponse).query(async ({ ctx }) => ({
  members: await listMembers(ctx.db, ctx.org.id),
  invites: await listOpenInvites(ctx.db, ctx.org.id),
}));
