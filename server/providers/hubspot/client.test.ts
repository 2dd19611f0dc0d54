import { describe, expect, it, vi } from "vitest";
import { HubSpotClient } from "./client";

const tokens = { current: async () => "token", afterRejection: async () => "token" };

function pagedSearch(total: number, pageSize: number) {
  const requested: number[] = [];
  const fetch = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    const after = Number(JSON.parse(String(init?.body)).after ?? 0);
    requested.push(after);
    const end = Math.min(after + pageSize, total, 10_000);
    const results = Array.from({ length: end - after }, (_, i) => ({ id: String(after + i), properties: {}, createdAt: "", updatedAt: "" }));
    const paging = end < total ? { paging: { next: { after: String(end) } } } : {};
    return Response.json({ total, results, ...paging });
  });
  return { fetch, requested };
}

describe("HubSpotClient.searchAll", () => {
  it("reads every page of a search", async () => {
    const { fetch } = pagedSearch(450, 200);
    const client = new HubSpotClient({ baseUrl: "http://hubspot.test", connectionId: "c-1", tokens, fetch });
    const found = await client.searchAll("contacts", { filterGroups: [] });
    expect(found).toMatchObject({ capped: false });
    expect(found.results).toHaveLength(450);
  });

  it("stops at HubSpot's 10,000-result cap and says so, without asking for the refused page", async () => {
    // Large fake pages keep the test clear of the client's own 5-searches-a-second limiter.
    const { fetch, requested } = pagedSearch(12_000, 2_000);
    const client = new HubSpotClient({ baseUrl: "http://hubspot.test", connectionId: "c-2", tokens, fetch });
    const found = await client.searchAll("contacts", { filterGroups: [] });
    expect(found.capped).toBe(true);
    expect(found.results).toHaveLength(10_000);
    expect(Math.max(...requested)).toBe(8_000);
  });
});
