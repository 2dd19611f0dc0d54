import { accountRouter } from "./routers/account/router";
import { authRouter } from "./routers/auth/router";
import { connectionsRouter } from "./routers/connections/router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  connections: connectionsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
