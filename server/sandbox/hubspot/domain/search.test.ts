import { describe, expect, it } from "vitest";
import { builtInProperties } from "./properties";
import { matchesFilter, matchesFilterGroups, narrowingOf, parseSearchRequest, SearchRequestError, searchPage, sortRecords } from "./search";

const defs = new Map(builtInProperties("contacts").map((d) => [d.name, d]));
const lineDefs = new Map(builtInProperties("line_items").map((d) => [d.name, d]));

describe("parseSearchRequest", () => {
  it("applies defaults", () => {
    expect(parseSearchRequest({})).toEqual({ filterGroups: [], sorts: [], properties: null, limit: 10, after: 0, query: null });
  });

  it("accepts the string sort form", () => {
    expect(parseSearchRequest({ sorts: ["-createdate"] }).sorts).toEqual([{ propertyName: "createdate", direction: "DESCENDING" }]);
  });

  it.each([
    [{ filterGroups: Array.from({ length: 6 }, () => ({ filters: [] })) }, /filter groups/],
    [{ filterGroups: [{ filters: Array.from({ length: 7 }, () => ({ propertyName: "a", operator: "HAS_PROPERTY" })) }] }, /filters in a filter group/],
    [{ filterGroups: Array.from({ length: 4 }, () => ({ filters: Array.from({ length: 5 }, () => ({ propertyName: "a", operator: "HAS_PROPERTY" })) })) }, /Too many filters \(20\)/],
    [{ filterGroups: [{ filters: [{ propertyName: "a", operator: "LIKE", value: "x" }] }] }, /Unknown filter operator/],
    [{ filterGroups: [{ filters: [{ propertyName: "a", operator: "IN" }] }] }, /requires values/],
    [{ filterGroups: [{ filters: [{ propertyName: "a", operator: "BETWEEN", value: "1" }] }] }, /highValue/],
    [{ limit: 201 }, /limit/],
    [{ after: "abc" }, /integer string/],
    [{ after: "10000", limit: 10 }, /10000/],
    [{ sorts: ["a", "b"] }, /one sort/],
  ])("rejects %j", (body, message) => {
    expect(() => parseSearchRequest(body)).toThrowError(SearchRequestError);
    expect(() => parseSearchRequest(body)).toThrowError(message);
  });
});

describe("matchesFilter", () => {
  const contact = { email: "Ada@Example.com", firstname: "Ada", lastmodifieddate: "2026-01-02T00:00:00.000Z" };

  it("compares strings case-insensitively", () => {
    expect(matchesFilter(contact, { propertyName: "email", operator: "EQ", value: "ada@example.com" }, defs.get("email"))).toBe(true);
    expect(matchesFilter(contact, { propertyName: "email", operator: "NEQ", value: "ada@example.com" }, defs.get("email"))).toBe(false);
  });

  it("compares dates given as epoch millis or ISO", () => {
    const def = defs.get("lastmodifieddate");
    expect(matchesFilter(contact, { propertyName: "lastmodifieddate", operator: "GT", value: String(Date.parse("2026-01-01")) }, def)).toBe(true);
    expect(matchesFilter(contact, { propertyName: "lastmodifieddate", operator: "LT", value: "2026-01-01T00:00:00Z" }, def)).toBe(false);
  });

  it("compares numbers numerically", () => {
    const line = { price: "9" };
    expect(matchesFilter(line, { propertyName: "price", operator: "LT", value: "10" }, lineDefs.get("price"))).toBe(true);
    expect(matchesFilter(line, { propertyName: "price", operator: "BETWEEN", value: "9", highValue: "9" }, lineDefs.get("price"))).toBe(true);
  });

  it("matches tokens and wildcards", () => {
    expect(matchesFilter(contact, { propertyName: "email", operator: "CONTAINS_TOKEN", value: "example" }, defs.get("email"))).toBe(true);
    expect(matchesFilter(contact, { propertyName: "email", operator: "CONTAINS_TOKEN", value: "*@example.com" }, defs.get("email"))).toBe(true);
    expect(matchesFilter(contact, { propertyName: "email", operator: "NOT_CONTAINS_TOKEN", value: "other" }, defs.get("email"))).toBe(true);
  });

  it("treats missing values per operator", () => {
    expect(matchesFilter(contact, { propertyName: "phone", operator: "NOT_HAS_PROPERTY" }, defs.get("phone"))).toBe(true);
    expect(matchesFilter(contact, { propertyName: "phone", operator: "NEQ", value: "1" }, defs.get("phone"))).toBe(true);
    expect(matchesFilter(contact, { propertyName: "phone", operator: "NOT_IN", values: ["1"] }, defs.get("phone"))).toBe(true);
    expect(matchesFilter(contact, { propertyName: "phone", operator: "GT", value: "1" }, defs.get("phone"))).toBe(false);
  });
});

describe("searchPage", () => {
  it("pages with integer cursors and stops at the 10,000th result, still offering the cursor past it", () => {
    const all = Array.from({ length: 10_005 }, (_, i) => i);
    expect(searchPage(all, { after: 0, limit: 3 })).toEqual({ results: [0, 1, 2], nextAfter: "3" });
    expect(searchPage(all, { after: 9_998, limit: 5 })).toEqual({ results: [9_998, 9_999], nextAfter: "10000" });
    expect(searchPage(all.slice(0, 10_000), { after: 9_998, limit: 5 })).toEqual({ results: [9_998, 9_999], nextAfter: null });
    expect(searchPage([1, 2], { after: 0, limit: 2 })).toEqual({ results: [1, 2], nextAfter: null });
  });
});

describe("groups and sorting", () => {
  it("ORs groups and ANDs filters", () => {
    const groups = [
      { filters: [{ propertyName: "firstname", operator: "EQ" as const, value: "Ada" }, { propertyName: "lastname", operator: "EQ" as const, value: "X" }] },
      { filters: [{ propertyName: "firstname", operator: "EQ" as const, value: "Ada" }] },
    ];
    expect(matchesFilterGroups({ firstname: "Ada" }, groups, defs)).toBe(true);
    expect(matchesFilterGroups({ firstname: "Ada" }, groups.slice(0, 1), defs)).toBe(false);
    expect(matchesFilterGroups({}, [], defs)).toBe(true);
  });

  it("sorts by value with unset values last, ties by id", () => {
    const records: Array<{ id: number; properties: Record<string, string> }> = [
      { id: 3, properties: { price: "10" } },
      { id: 1, properties: {} },
      { id: 2, properties: { price: "9" } },
      { id: 4, properties: { price: "10" } },
    ];
    expect(sortRecords(records, [{ propertyName: "price", direction: "DESCENDING" }], lineDefs).map((r) => r.id)).toEqual([3, 4, 2, 1]);
    expect(sortRecords(records, [], lineDefs).map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });
});

describe("narrowingOf", () => {
  const productDefs = new Map(builtInProperties("products").map((d) => [d.name, d]));
  const group = (...filters: Array<Record<string, unknown>>) => ({ filters: filters as never });

  it("takes one EQ or IN filter on a text property per group, lower-cased, as the records a database may return", () => {
    const groups = [group({ propertyName: "price", operator: "GT", value: "5" }, { propertyName: "hs_sku", operator: "IN", values: ["SKU-A", "sku-b"] }), group({ propertyName: "name", operator: "EQ", value: "Widget" })];
    expect(narrowingOf(groups, productDefs)).toEqual([
      { propertyName: "hs_sku", values: ["sku-a", "sku-b"] },
      { propertyName: "name", values: ["widget"] },
    ]);
    // Each record it keeps is one the groups may match; one they match is never left out.
    const record = { hs_sku: "Sku-B", price: "9", name: "Other" };
    expect(matchesFilterGroups(record, groups, productDefs)).toBe(true);
    expect(narrowingOf(groups, productDefs)![0]!.values).toContain(record.hs_sku.toLowerCase());
  });

  it("narrows nothing when a group has no such filter: numbers, dates, other operators, non-ASCII values, or no groups", () => {
    expect(narrowingOf([group({ propertyName: "hs_sku", operator: "EQ", value: "A" }), group({ propertyName: "price", operator: "EQ", value: "10" })], productDefs)).toBeNull();
    expect(narrowingOf([group({ propertyName: "name", operator: "CONTAINS_TOKEN", value: "wid*" })], productDefs)).toBeNull();
    expect(narrowingOf([group({ propertyName: "name", operator: "EQ", value: "Straße" })], productDefs)).toBeNull();
    expect(narrowingOf([group({ propertyName: "hs_lastmodifieddate", operator: "EQ", value: "1700000000000" })], productDefs)).toBeNull();
    expect(narrowingOf([], productDefs)).toBeNull();
    expect(narrowingOf([group({ propertyName: "name", operator: "EQ", value: "Straight" })], productDefs)).toEqual([{ propertyName: "name", values: ["straight"] }]);
  });
});
