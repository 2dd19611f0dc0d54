import { describe, expect, it } from "vitest";
import { QboFault } from "./faults";
import { parseQuery } from "./query-parser";

function faultCode(query: string): string {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QboFault) return error.code;
    throw error;
  }
  throw new Error(`parsed: ${query}`);
}

describe("parseQuery", () => {
  it("parses node-quickbooks' lowercase form", () => {
    expect(parseQuery("select * from invoice startposition 1 maxresults 1000")).toEqual({
      count: false,
      entity: "invoice",
      where: [],
      orderBy: [],
      startPosition: 1,
      maxResults: 1000,
    });
  });

  it("parses conditions joined by AND, every operator, and ORDERBY in both spellings", () => {
    const query = parseQuery(
      "SELECT * FROM Invoice WHERE TotalAmt >= 10 AND DocNumber LIKE 'INV%' AND Id IN ('1', '2') AND Active = true AND MetaData.LastUpdatedTime > '2024-06-01T00:00:00-07:00' ORDER BY TxnDate DESC, Id",
    );
    expect(query.where).toEqual([
      { path: "TotalAmt", operator: ">=", value: 10 },
      { path: "DocNumber", operator: "LIKE", value: "INV%" },
      { path: "Id", operator: "IN", value: ["1", "2"] },
      { path: "Active", operator: "=", value: true },
      { path: "MetaData.LastUpdatedTime", operator: ">", value: "2024-06-01T00:00:00-07:00" },
    ]);
    expect(query.orderBy).toEqual([
      { path: "TxnDate", descending: true },
      { path: "Id", descending: false },
    ]);
    expect(parseQuery("select * from Item orderby Name asc").orderBy).toEqual([{ path: "Name", descending: false }]);
  });

  it("parses count(*) and unescapes quotes in strings", () => {
    expect(parseQuery("select count(*) from Customer").count).toBe(true);
    expect(parseQuery("select * from Customer where DisplayName = 'Amy\\'s Bird Sanctuary'").where[0]!.value).toBe("Amy's Bird Sanctuary");
  });

  it("faults 4000 for syntax QBO does not have", () => {
    for (const query of [
      "selec * from Invoice",
      "select Id from Invoice",
      "select * from Invoice where Id = '1' or Id = '2'",
      "select * from Invoice where Id != '1'",
      "select * from Invoice where DocNumber LIKE 5",
      "select * from Invoice where DocNumber = 'unterminated",
      "select * from Invoice maxresults ten",
      "select * from Invoice join Customer",
    ]) {
      expect(faultCode(query), query).toBe("4000");
    }
  });
});
