import type { NextRequest } from "next/server";
import { workflows } from "@/inngest";
import { env } from "@/server/env";
import { createInngestServeHandlers, type InngestRouteHandler } from "@/server/runtime/inngest-executor/serve";
import { inngestClient } from "@/server/runtime/inngest-executor/singleton";

export const dynamic = "force-dynamic";

let handlers: ReturnType<typeof createInngestServeHandlers> | undefined;

/** Inngest drives the workflows through this route only when SYNC_RUNTIME=inngest. */
function route(method: "GET" | "POST" | "PUT"): InngestRouteHandler {
  return async (request: NextRequest, context: unknown) => {
    if (env().SYNC_RUNTIME !== "inngest") return new Response("Not found", { status: 404 });
    handlers ??= createInngestServeHandlers(inngestClient(), workflows);
    return handlers[method](request, context);
  };
}

export const GET = route("GET");
export const POST = route("POST");
export const PUT = route("PUT");
