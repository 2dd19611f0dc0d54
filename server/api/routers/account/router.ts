import { createTRPCRouter } from "../../trpc";
import { changePasswordRoute } from "./change-password";
import { meRoute } from "./me";

export const accountRouter = createTRPCRouter({ me: meRoute, changePassword: changePasswordRoute });
