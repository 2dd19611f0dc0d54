import { describe, expect, it } from "vitest";
import { hubspotAdapter } from "./adapter";
import type { HubSpotClient } from "./client";
import type { HubSpotObject, HubSpotSearch } from "./types";

/** A search over fixed records that stops at `cap` results, as HubSpot stops at 10,000. */
function fakeClient(records: HubSpotObject[], cap: number): HubSpotClient {
  const value = (r: HubSpotObject, property: string) => (property === "hs_object_id" ? Number(r.id) : Date.parse(r.updatedAt));
  return {
    searchAll: async (_type: string, query: HubSpotSearch) => {
      const filters = query.filterGroups[0]!.filters;
      const sort = query.sorts?.[0]?.propertyName ?? "hs_object_id";
      const matching = records
        .filter((r) =>
          filters.every((f) => {
            const v = value(r, f.propertyName);
            const x = Number(f.value);
            return f.operator === "GTE" ? v >= x : f.operator === "GT" ? v > x : f.operator === "EQ" ? v === x : false;
          }),
        )
        .sort((a, b) => value(a, sort) - value(b, sort));
      return { results: matching.slice(0, cap), capped: matching.length > cap };
    },
  } as unknown as HubSpotClient;
}

const record = (id: number, at: string): HubSpotObject => ({ id: String(id), properties: {}, createdAt: at, updatedAt: at });

describe("hubspotAdapter.changedSince", () => {
  it("reads every record stamped at the instant the cap cut, so the next pass can start after it", async () => {
    const same = "2026-11-29T10:00:00.000Z";
    const records = [record(1, "2026-11-29T09:59:00.000Z"), ...Array.from({ length: 9 }, (_, i) => record(10 + i, same)), record(30, "2026-11-29T10:00:01.000Z")];
    const adapter = hubspotAdapter(fakeClient(records, 4), { type: "contacts", properties: [] });

    const first = await adapter.changedSince(new Date("2026-11-29T09:00:00.000Z"));
    expect(first.capped).toBe(true);
    expect(first.resumeAfter).toBe(same);
    expect(first.records.map((r) => r.id).sort()).toEqual(["1", ...Array.from({ length: 9 }, (_, i) => String(10 + i))].sort());

    const next = await adapter.changedSince(new Date(Date.parse(first.resumeAfter!) + 1));
    expect(next).toMatchObject({ capped: false });
    expect(next.records.map((r) => r.id)).toEqual(["30"]);
  });

  it("answers uncapped windows in one search", async () => {
    const adapter = hubspotAdapter(fakeClient([record(1, "2026-11-29T10:00:00.000Z")], 4), { type: "contacts", properties: [] });
    expect(await adapter.changedSince(new Date(0))).toMatchObject({ capped: false, records: [{ id: "1" }] });
  });
});
