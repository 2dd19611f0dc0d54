import { describe, expect, it } from "vitest";
import { QboFault } from "./faults";
import { parseQuery } from "./query-parser";
import { compareValues, runQuery, validateQuery } from "./query-eval";

const customers = [
  { Id: "1", DisplayName: "Amy", Active: true, Balance: 10, PrimaryEmailAddr: { Address: "amy@x.test" }, MetaData: { LastUpdatedTime: "2024-06-01T10:00:00-07:00" } },
  { Id: "2", DisplayName: "bob", Active: true, Balance: 0, MetaData: { LastUpdatedTime: "2024-06-02T10:00:00-07:00" } },
  { Id: "10", DisplayName: "Cleo (deleted)", Active: false, Balance: 5, MetaData: { LastUpdatedTime: "2024-06-03T10:00:00-07:00" } },
];

const run = (query: string) => runQuery(validateQuery(parseQuery(query)), customers);
const ids = (query: string) => {
  const result = run(query);
  if (result.kind !== "rows") throw new Error("expected rows");
  return result.rows.map((r) => r.Id);
};

describe("validateQuery", () => {
  it("canonicalises the entity and defaults paging", () => {
    expect(validateQuery(parseQuery("select * from customer"))).toMatchObject({ entity: "Customer", startPosition: 1, maxResults: 100 });
  });

  it("faults 4001 for unknown entities, unqueryable properties and MAXRESULTS over 1000", () => {
    for (const query of ["select * from Unicorn", "select * from Customer where Horn = 'x'", "select * from Customer maxresults 1001", "select * from Customer startposition 0"]) {
      expect(() => validateQuery(parseQuery(query)), query).toThrow(QboFault);
      try {
        validateQuery(parseQuery(query));
      } catch (error) {
        expect((error as QboFault).code).toBe("4001");
      }
    }
  });
});

describe("runQuery", () => {
  it("hides inactive name-list records unless the query filters on Active", () => {
    expect(ids("select * from Customer")).toEqual(["1", "2"]);
    expect(ids("select * from Customer where Active = false")).toEqual(["10"]);
    expect(ids("select * from Customer where Active IN (true, false)")).toEqual(["1", "2", "10"]);
  });

  it("compares text case-insensitively, LIKE with %, numbers numerically, timestamps chronologically", () => {
    expect(ids("select * from Customer where DisplayName = 'AMY'")).toEqual(["1"]);
    expect(ids("select * from Customer where DisplayName LIKE 'B%'")).toEqual(["2"]);
    expect(ids("select * from Customer where Id > '2' and Active = false")).toEqual(["10"]);
    expect(ids("select * from Customer where MetaData.LastUpdatedTime > '2024-06-01T18:30:00Z'")).toEqual(["2"]);
    expect(ids("select * from Customer where PrimaryEmailAddr = 'amy@x.test'")).toEqual(["1"]);
  });

  it("orders, pages from a 1-based start, and counts", () => {
    expect(ids("select * from Customer where Active IN (true,false) orderby Balance desc")).toEqual(["1", "10", "2"]);
    expect(ids("select * from Customer where Active IN (true,false) startposition 2 maxresults 1")).toEqual(["2"]);
    expect(run("select count(*) from Customer")).toEqual({ kind: "count", totalCount: 2 });
  });
});

describe("compareValues", () => {
  it("treats numeric strings as numbers", () => {
    expect(compareValues("10", "9")).toBe(1);
    expect(compareValues("abc", "ABC")).toBe(0);
    expect(compareValues(undefined, "x")).toBeUndefined();
  });
});
