import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The one loopback harness both sandboxes' tests (and the product's test stack) serve through:
 * Web-standard `(Request) => Promise<Response>` handlers over real HTTP on 127.0.0.1, so the
 * official clients can talk to them without a Next build. Test-only; shares no code with the
 * product or between the sandboxes' own modules.
 */
export type WebHandler = (request: Request) => Promise<Response>;

export interface LoopbackServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  close: () => Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  // As scripts/start.ts does: the sandboxes' admin APIs trust this (the socket's address) for "local".
  headers.set("x-tandem-peer-address", req.socket.remoteAddress ?? "");
  const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Picks the handler by the first matching path prefix; a single handler takes every path. */
function router(routes: Record<string, WebHandler> | WebHandler): WebHandler {
  if (typeof routes === "function") return routes;
  return async (request) => {
    const path = new URL(request.url).pathname;
    const handler = Object.entries(routes).find(([prefix]) => path.startsWith(prefix))?.[1];
    return handler ? handler(request) : new Response("not found", { status: 404 });
  };
}

/** Serves the handlers on 127.0.0.1 (a free port) until `close()`. */
export async function startLoopback(routes: Record<string, WebHandler> | WebHandler): Promise<LoopbackServer> {
  const handle = router(routes);
  let origin = "";
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        await writeResponse(res, await handle(await toRequest(req, origin)));
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
