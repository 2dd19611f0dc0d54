import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxDb, type SandboxDb } from "./store/db";
import { DEMO_COMPANY_NAME } from "./store/companies";
import { ensureDevApp } from "./dev-app";
import { throwawayDatabase, type ThrowawayDatabase } from "../testing/database";
import * as store from "./store/records";

describe("ensureDevApp", () => {
  let database: ThrowawayDatabase;
  let db: SandboxDb;
  let close: () => Promise<void>;

  beforeAll(async () => {
    database = await throwawayDatabase();
    ({ db, close } = createSandboxDb(database.url));
  });
  afterAll(async () => {
    await close();
    await database.drop();
  });

  it("registers the dev app and seeds the demo company once, returning stable credentials", async () => {
    const first = await ensureDevApp({ appUrl: "http://localhost:3000", db });
    const second = await ensureDevApp({ appUrl: "http://localhost:3000/", db });
    expect(second).toEqual(first);
    expect(first.clientId).toMatch(/^AB/);

    const companies = await store.listCompanies(db);
    expect(companies.filter((c) => c.name === DEMO_COMPANY_NAME)).toHaveLength(1);
    const realmId = companies[0]!.realmId;
    const items = await store.listEntities(db, realmId, "Item");
    expect(items.some((i) => i.body.Sku)).toBe(true);
    expect(items.some((i) => !i.body.Sku)).toBe(true);
    const customers = await store.listEntities(db, realmId, "Customer");
    expect(customers.every((c) => (c.body.PrimaryEmailAddr as { Address: string }).Address.includes("@"))).toBe(true);
    const invoices = await store.listEntities(db, realmId, "Invoice");
    expect(invoices.map((i) => [i.body.DocNumber, i.body.TotalAmt, i.body.Balance])).toEqual([
      ["1001", 850, 500],
      ["1002", 300, 0],
      ["1003", 50, 50],
    ]);
    const amy = customers.find((c) => c.body.DisplayName === "Amy's Bird Sanctuary")!;
    expect(amy.body.Balance).toBe(550);
    expect(invoices[0]!.body.LinkedTxn).toEqual([{ TxnId: "1", TxnType: "Payment" }]);
  });
});
