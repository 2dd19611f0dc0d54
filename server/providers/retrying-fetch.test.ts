import { describe, expect, it, vi } from "vitest";
import { InProcessRateLimiter } from "./rate-limiter";
import { backoffDelay, retryingFetch, type RetryPolicy } from "./retrying-fetch";

const policy: RetryPolicy = { retries: 3, baseDelayMs: 100, maxDelayMs: 1000, timeoutMs: 1000 };

function sequence(...answers: Array<number | Error>) {
  const fetch = vi.fn(async () => {
    const next = answers.shift();
    if (next instanceof Error) throw next;
    return new Response(JSON.stringify({ status: next }), { status: next ?? 200 });
  });
  return fetch;
}

describe("retryingFetch", () => {
  it("retries 429, 5xx and network errors, then returns the success", async () => {
    const fetch = sequence(429, 503, new TypeError("fetch failed"), 200);
    const sleeps: number[] = [];
    const response = await retryingFetch("http://x", {}, { fetch, limiters: [], policy, sleep: async (ms) => void sleeps.push(ms) });
    expect(response.status).toBe(200);
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(sleeps).toHaveLength(3);
  });

  it("returns the last failure once retries run out", async () => {
    const fetch = sequence(429, 429, 429, 429, 200);
    const response = await retryingFetch("http://x", {}, { fetch, limiters: [], policy, sleep: async () => {} });
    expect(response.status).toBe(429);
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it("does not retry a client error", async () => {
    const fetch = sequence(400, 200);
    const response = await retryingFetch("http://x", {}, { fetch, limiters: [], policy, sleep: async () => {} });
    expect(response.status).toBe(400);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("retries only rate limits for writes that aren't idempotent", async () => {
    const fetch = sequence(429, 503, 200);
    const response = await retryingFetch("http://x", {}, { fetch, limiters: [], policy, sleep: async () => {}, rateLimitsOnly: true });
    expect(response.status).toBe(503);
    expect(fetch).toHaveBeenCalledTimes(2);
    await expect(
      retryingFetch("http://x", {}, { fetch: sequence(new TypeError("socket hang up")), limiters: [], policy, sleep: async () => {}, rateLimitsOnly: true }),
    ).rejects.toThrow("socket hang up");
  });

  it("honours Retry-After", async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response("", { status: 429, headers: { "retry-after": "2" } }))
      .mockResolvedValueOnce(new Response("ok"));
    const sleeps: number[] = [];
    await retryingFetch("http://x", {}, { fetch, limiters: [], policy, sleep: async (ms) => void sleeps.push(ms) });
    expect(sleeps[0]).toBeGreaterThanOrEqual(2000);
  });

  it("goes through the limiters on every attempt", async () => {
    const limiter = new InProcessRateLimiter({ limit: 10, intervalMs: 1000 });
    const acquire = vi.spyOn(limiter, "acquire");
    await retryingFetch("http://x", {}, { fetch: sequence(500, 200), limiters: [limiter], policy, sleep: async () => {} });
    expect(acquire).toHaveBeenCalledTimes(2);
  });

  it("gives back the places other limiters gave when one can't admit the request, and doesn't send it", async () => {
    const release = vi.fn();
    const admitting = { acquire: async () => release };
    const unreachable = { acquire: async (): Promise<() => void> => Promise.reject(new Error("connection refused")) };
    const fetch = sequence(200);
    await expect(retryingFetch("http://x", {}, { fetch, limiters: [admitting, unreachable], policy, sleep: async () => {} })).rejects.toThrow(
      "connection refused",
    );
    expect(release).toHaveBeenCalledTimes(1);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("backoffDelay", () => {
  it("grows exponentially up to the cap, scaled by jitter", () => {
    expect(backoffDelay(0, policy, () => 0.999)).toBe(99);
    expect(backoffDelay(3, policy, () => 0.999)).toBe(799);
    expect(backoffDelay(10, policy, () => 0.999)).toBe(999);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });
});
