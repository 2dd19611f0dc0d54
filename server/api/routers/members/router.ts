import { createTRPCRouter } from "../../trpc";
import { acceptInviteRoute } from "./accept-invite";
import { inviteRoute } from "./invite";
import { joinRoute } from "./join";
import { listRoute } from "./list";

export const membersRouter = createTRPCRouter({
  list: listRoute,
  invite: inviteRoute,
  acceptInvite: acceptInviteRoute,
  join: joinRoute,
});
