import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Session } from "next-auth";
import type { Database } from "../db/client";
import { describeForLog } from "../log-safe-error";
import { MAX_BATCH_SIZE } from "./batch-limit";
import { appRouter } from "./root";
import { createTRPCContext } from "./trpc";


/** Serves `/api/trpc/*` for a fetch Request. */
export function handleTRPCRequest(req: Request, deps: { db: Database; getSession: () => Promise<Session | null> }): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: async () => createTRPCContext({ db: deps.db, session: await deps.getSession(), headers: req.headers }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed: ${describeForLog(error.cause ?? error)}`);
    },
  });
}
