import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Session } from "next-auth";
import type { Database } from "../db/client";
import { BodyTooLargeError, readLimitedText } from "../limited-body";
import { describeForLog } from "../log-safe-error";
import { MAX_BATCH_SIZE } from "./batch-limit";
import { appRouter } from "./root";
import { createTRPCContext } from "./trpc";

/**
 * The request with its body read within the size limit, or a 413 answer: tRPC would otherwise
 * buffer and parse whatever a caller sends, signed in or not.
 */
async function withinBodyLimit(req: Request): Promise<Request | Response> {
  if (req.method !== "POST") return req;
  try {
    const body = await readLimitedText(req);
    const headers = new Headers(req.headers);
    headers.delete("content-length");
    return new Request(req.url, { method: req.method, headers, body, signal: req.signal });
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return Response.json({ error: { message: error.message, code: "PAYLOAD_TOO_LARGE" } }, { status: 413 });
  }
}

/** Serves `/api/trpc/*` for a fetch Request. */
export async function handleTRPCRequest(request: Request, deps: { db: Database; getSession: () => Promise<Session | null> }): Promise<Response> {
  const req = await withinBodyLimit(request);
  if (req instanceof Response) return req;
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
