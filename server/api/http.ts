import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Session } from "next-auth";
import type { Database } from "../db/client";
import { describeForLog } from "../log-safe-error";
import { appRouter } from "./root";
import { createTRPCContext } from "./trpc";

/**
 * The most procedure calls one HTTP request may batch. The app's pages batch a handful at once;
 * without a cap one request could fan out into hundreds of provider calls.
 */
export const MAX_BATCH_SIZE = 10;

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
