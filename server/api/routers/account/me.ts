import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../../db/schema";
import { orgProcedure } from "../../trpc";

export const meResponse = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string().nullable() }),
  org: z.object({ id: z.uuid(), name: z.string(), role: z.enum(["owner", "admin", "member"]) }),
});

/** The signed-in user and the org they are acting in. */
export const meRoute = orgProcedure.output(meResponse).query(async ({ ctx }) => {
  const user = await ctx.db.query.users.findFirst({
    where: eq(users.id, ctx.session.user.id),
    columns: { id: true, email: true, name: true },
  });
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Your account no longer exists." });
  return { user, org: ctx.org };
});
