import type { Inngest } from "inngest";
import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import type { AnyWorkflow } from "../definition";
import { toInngestFunction } from "./functions";

export type InngestRouteHandler = (request: NextRequest, context: unknown) => Promise<Response>;

/** The `/api/inngest` handlers Inngest calls to register and to run the workflows' steps. */
export function createInngestServeHandlers(
  client: Inngest,
  workflows: readonly AnyWorkflow[],
  options: { servePath?: string } = {},
): { GET: InngestRouteHandler; POST: InngestRouteHandler; PUT: InngestRouteHandler } {
  const handler = serve({
    client,
    functions: workflows.map((w) => toInngestFunction(client, w)),
    ...(options.servePath ? { servePath: options.servePath } : {}),
  });
  return { GET: handler.GET, POST: handler.POST, PUT: handler.PUT };
}
