import { accountRouter } from "./routers/account/router";
import { authRouter } from "./routers/auth/router";
import { backfillRouter } from "./routers/backfill/router";
import { connectionsRouter } from "./routers/connections/router";
import { membersRouter } from "./routers/members/router";
import { filtersRouter } from "./routers/filters/router";
import { mappingsRouter } from "./routers/mappings/router";
import { syncRouter } from "./routers/sync/router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  connections: connectionsRouter,
  members: membersRouter,
  sync: syncRouter,
  mappings: mappingsRouter,
  filters: filtersRouter,
  backfill: backfillRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
