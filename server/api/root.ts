import { accountRouter } from "./routers/account/router";
import { authRouter } from "./routers/auth/router";
import { connectionsRouter } from "./routers/connections/router";
import { syncRouter } from "./routers/sync/router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  connections: connectionsRouter,
  sync: syncRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
