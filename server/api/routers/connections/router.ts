import { createTRPCRouter } from "../../trpc";
import { connectUrlRoute } from "./connect-url";
import { disconnectRoute } from "./disconnect";
import { healthRoute } from "./health";
import { listRoute } from "./list";

export const connectionsRouter = createTRPCRouter({
  list: listRoute,
  connectUrl: connectUrlRoute,
  disconnect: disconnectRoute,
  health: healthRoute,
});
