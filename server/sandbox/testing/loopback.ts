import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type WebHandler = (request: Request) => Promise<Response>;

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export interface LoopbackServer {
  origin: string;
  close: () => Promise<void>;
}

/** Serves Web-standard handlers over real HTTP on 127.0.0.1 (port 0), routed by path prefix. */
export async function startLoopback(routes: Record<string, WebHandler>): Promise<LoopbackServer> {
  let origin = "";
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const request = await toRequest(req, origin);
        const path = new URL(request.url).pathname;
        const prefix = Object.keys(routes).find((p) => path.startsWith(p));
        const handler = prefix ? routes[prefix] : undefined;
        await writeResponse(res, handler ? await handler(request) : new Response("not found", { status: 404 }));
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
