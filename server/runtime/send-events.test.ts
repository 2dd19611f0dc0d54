import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { InvalidEventError } from "./errors";
import { sendEvents } from "./send-events";

describe("sendEvents", () => {
  it("refuses malformed events before sending anything", async () => {
    await expect(sendEvents({ name: "", data: {} })).rejects.toBeInstanceOf(InvalidEventError);
    await expect(sendEvents({ name: "a/b", data: [] as unknown as Record<string, unknown> })).rejects.toThrowError(/data must be an object/);
    await expect(sendEvents({ name: "a/b", data: {}, id: "" })).rejects.toThrowError(/id must be a non-empty string/);
  });
});

describe("with SYNC_RUNTIME=inngest", () => {
  let server: Server;
  const received: Array<{ url: string; body: unknown }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = "";
      req.on("data", (chunk: Buffer) => (text += chunk.toString()));
      req.on("end", () => {
        received.push({ url: req.url ?? "", body: JSON.parse(text) as unknown });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: ["evt-1"], status: 200 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
    delete (globalThis as { tandemInngest?: unknown }).tandemInngest;
  });

  function stubInngestEnv(keys: boolean) {
    vi.stubEnv("DATABASE_URL", "postgres://unused@127.0.0.1:1/unused");
    vi.stubEnv("SYNC_RUNTIME", "inngest");
    vi.stubEnv("INNGEST_BASE_URL", `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    if (keys) {
      vi.stubEnv("INNGEST_EVENT_KEY", "test-event-key");
      vi.stubEnv("INNGEST_SIGNING_KEY", "signkey-test-0123456789abcdef");
    }
    vi.resetModules();
    delete (globalThis as { tandemInngest?: unknown }).tandemInngest;
  }

  it("sends the events, with their ids, to Inngest's event API", async () => {
    stubInngestEnv(true);
    const { sendEvents: send } = await import("./send-events");
    await send([{ name: "tandem/test", data: { n: 1 }, id: "hook-7" }]);
    expect(received).toHaveLength(1);
    expect(received[0]?.url).toBe("/e/test-event-key");
    expect(received[0]?.body).toMatchObject([{ name: "tandem/test", data: { n: 1 }, id: "hook-7" }]);
  });

  it("requires the event and signing keys", async () => {
    stubInngestEnv(false);
    const { env } = await import("../env");
    expect(() => env()).toThrowError(/INNGEST_EVENT_KEY is required when SYNC_RUNTIME=inngest/);
    expect(() => env()).toThrowError(/INNGEST_SIGNING_KEY is required/);
  });
});
