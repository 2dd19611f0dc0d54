import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Serves a Web-standard `(Request) => Promise<Response>` handler on 127.0.0.1 (a free port), so
 * real HTTP clients can talk to it in tests without a Next build.
 */
export interface LoopbackServer {
  url: string;
  close: () => Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function serveOnLoopback(handler: (request: Request) => Promise<Response>): Promise<LoopbackServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
        const headers = new Headers();
        for (const [key, value] of Object.entries(req.headers)) {
          if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
          else if (value !== undefined) headers.set(key, value);
        }
        const body = req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(await readBody(req));
        const response = await handler(new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body }));
        res.statusCode = response.status;
        response.headers.forEach((value, key) => res.setHeader(key, value));
        res.end(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
