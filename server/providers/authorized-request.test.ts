import { describe, expect, it, vi } from "vitest";
import { authorizedRequest } from "./authorized-request";

const policy = { retries: 0, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1000 };

function tokens() {
  return {
    current: vi.fn(async () => "old-token"),
    afterRejection: vi.fn(async () => "new-token"),
  };
}

describe("authorizedRequest", () => {
  it("sends the bearer token and JSON body", async () => {
    const fetch = vi.fn(async () => new Response('{"ok":true}'));
    const result = await authorizedRequest({ tokens: tokens(), fetch, limiters: [], retryPolicy: policy }, "POST", "http://x/y", { a: 1 });
    expect(result).toEqual({ status: 200, ok: true, body: { ok: true } });
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(new Headers(init.headers).get("authorization")).toBe("Bearer old-token");
    expect(init.body).toBe('{"a":1}');
  });

  it("refreshes once after a 401 and retries with the new token", async () => {
    const source = tokens();
    const fetch = vi.fn().mockResolvedValueOnce(new Response("", { status: 401 })).mockResolvedValueOnce(new Response("{}"));
    const result = await authorizedRequest({ tokens: source, fetch, limiters: [], retryPolicy: policy }, "GET", "http://x/y");
    expect(result.ok).toBe(true);
    expect(source.afterRejection).toHaveBeenCalledWith("old-token");
    const [, retry] = fetch.mock.calls[1] as [string, RequestInit];
    expect(new Headers(retry.headers).get("authorization")).toBe("Bearer new-token");
  });

  it("gives up after a second 401", async () => {
    const source = tokens();
    const fetch = vi.fn(async () => new Response("denied", { status: 401 }));
    const result = await authorizedRequest({ tokens: source, fetch, limiters: [], retryPolicy: policy }, "GET", "http://x/y");
    expect(result).toMatchObject({ status: 401, ok: false, body: "denied" });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(source.afterRejection).toHaveBeenCalledTimes(1);
  });
});
