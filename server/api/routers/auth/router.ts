import { createTRPCRouter } from "../../trpc";
import { signUpRoute } from "./sign-up";

export const authRouter = createTRPCRouter({ signUp: signUpRoute });
