import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/client";
import { MAX_BODY_BYTES } from "../limited-body";
import { receiveHubSpotWebhook, receiveQuickBooksWebhook } from "./receive";

beforeAll(() => {
  Object.assign(process.env, {
    DATABASE_URL: "postgres://unused@127.0.0.1:1/unused",
    HUBSPOT_CLIENT_SECRET: "hubspot-secret",
    QUICKBOOKS_WEBHOOK_VERIFIER_TOKEN: "quickbooks-verifier",
  });
});

/** No request in these tests may reach the database. */
const db = new Proxy({}, { get: () => { throw new Error("the database was used"); } }) as Database;

/** A body streamed in 64 KB chunks, counting how many chunks were pulled; `headers` may declare a Content-Length. */
function streamedRequest(url: string, totalBytes: number, headers: Record<string, string> = {}) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const state = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled * chunk.byteLength >= totalBytes) return controller.close();
      state.pulled++;
      controller.enqueue(chunk);
    },
  }, { highWaterMark: 0 });
  return { request: new Request(url, { method: "POST", body, headers, duplex: "half" } as RequestInit), state };
}

describe.each([
  ["HubSpot", "http://localhost/api/webhooks/hubspot", receiveHubSpotWebhook],
  ["QuickBooks", "http://localhost/api/webhooks/quickbooks", receiveQuickBooksWebhook],
] as const)("%s webhook bodies", (_name, url, receive) => {
  it("over the limit by Content-Length are refused with 413 before a byte is read", async () => {
    const { request, state } = streamedRequest(url, 5 * MAX_BODY_BYTES, { "content-length": String(5 * MAX_BODY_BYTES) });
    const response = await receive(db, request);
    expect(response.status).toBe(413);
    expect(state.pulled).toBe(0);
  });

  it("streamed past the limit are refused with 413 without reading the rest", async () => {
    const { request, state } = streamedRequest(url, 100 * MAX_BODY_BYTES);
    const response = await receive(db, request);
    expect(response.status).toBe(413);
    expect(state.pulled).toBeLessThan(MAX_BODY_BYTES / (64 * 1024) + 4);
  });

  it("within the limit go on to the signature check", async () => {
    const { request } = streamedRequest(url, MAX_BODY_BYTES / 2);
    expect((await receive(db, request)).status).toBe(401);
  });
});
