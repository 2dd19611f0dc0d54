import { describe, expect, it } from "vitest";
import { SyncError } from "../../sync/errors";
import type { QuickBooksClient } from "./client";
import { termId, termName } from "./terms";

function companyWithTerms(realmId: string, names: string[]) {
  const terms = names.map((name, i) => ({ Id: String(i + 1), Name: name, Active: true }));
  let reads = 0;
  const client = {
    realmId,
    queryAll: async (entity: string) => {
      expect(entity).toBe("Term");
      reads++;
      return terms.map((t) => ({ ...t }));
    },
  } as unknown as QuickBooksClient;
  return { client, terms, reads: () => reads };
}

describe("QuickBooks terms lookup", () => {
  it("reads a company's terms once for many lookups", async () => {
    const company = companyWithTerms("realm-once", ["Net 15", "Net 30"]);
    expect(await termName(company.client, "2")).toBe("Net 30");
    expect(await termId(company.client, " net 15 ")).toBe("1");
    expect(await termName(company.client, "1")).toBe("Net 15");
    expect(company.reads()).toBe(1);
  });

  it("reads again for a term created since the list was read", async () => {
    const company = companyWithTerms("realm-created", ["Net 30"]);
    expect(await termName(company.client, "1")).toBe("Net 30");
    company.terms.push({ Id: "2", Name: "Net 45", Active: true });
    expect(await termId(company.client, "Net 45")).toBe("2");
    expect(await termName(company.client, "2")).toBe("Net 45");
    expect(company.reads()).toBe(2);
  });

  it("reads again once for a batch whose lookups miss together", async () => {
    const company = companyWithTerms("realm-batch", ["Net 30"]);
    expect(await termName(company.client, "1")).toBe("Net 30");
    company.terms.push({ Id: "2", Name: "Net 45", Active: true });
    const names = await Promise.all(["2", "7", "8", "9", "2"].map((id) => termName(company.client, id)));
    expect(names).toEqual(["Net 45", null, null, null, "Net 45"]);
    expect(company.reads()).toBe(2);
  });

  it("refuses a name the company has no active terms by, naming the ones it has", async () => {
    const company = companyWithTerms("realm-unknown", ["Net 15", "Net 30"]);
    company.terms.push({ Id: "3", Name: "Net 90", Active: false });
    const refused = await termId(company.client, "Net 90").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SyncError);
    expect(refused).toMatchObject({ code: "UNKNOWN_TERMS" });
    expect((refused as Error).message).toContain("Net 15, Net 30");
    expect(company.reads()).toBe(1);
  });
});
