import { createTRPCRouter } from "../../trpc";
import { meRoute } from "./me";

export const accountRouter = createTRPCRouter({ me: meRoute });
