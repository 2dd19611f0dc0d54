import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@hubspot/api-client";
import { startSandbox, installTestApp, type SandboxHarness } from "../testing/harness";

let h: SandboxHarness;
let client: Client;

beforeAll(async () => {
  h = await startSandbox();
  client = (await installTestApp(h)).client;
});
afterAll(async () => h?.close());

interface Case {
  type: string;
  /** Properties for a new record; `key` gets a unique value per record. */
  base: Record<string, string>;
  key: string;
  change: Record<string, string>;
  /** An association to check: the other type, its base properties, the type id from this side. */
  association?: { toType: string; toBase: Record<string, string>; typeId: number; inverseTypeId: number };
}

const now = new Date().toISOString();
const CASES: Case[] = [
  { type: "contacts", base: {}, key: "email", change: { firstname: "Changed" }, association: { toType: "companies", toBase: { name: "Co" }, typeId: 279, inverseTypeId: 280 } },
  { type: "companies", base: {}, key: "name", change: { domain: "changed.example" }, association: { toType: "contacts", toBase: {}, typeId: 280, inverseTypeId: 279 } },
  { type: "products", base: { price: "10" }, key: "hs_sku", change: { price: "12" } },
  { type: "line_items", base: { name: "Line", price: "5", quantity: "2" }, key: "description", change: { quantity: "3" }, association: { toType: "invoices", toBase: { hs_currency: "USD" }, typeId: 410, inverseTypeId: 409 } },
  { type: "invoices", base: { hs_currency: "USD" }, key: "hs_title", change: { hs_purchase_order_number: "PO-1" }, association: { toType: "contacts", toBase: {}, typeId: 177, inverseTypeId: 178 } },
  {
    type: "commerce_payments",
    base: { hs_initial_amount: "25", hs_initiated_date: now, hs_payment_method_type: "check" },
    key: "hs_reference_number",
    change: { hs_latest_status: "refunded" },
    association: { toType: "invoices", toBase: { hs_currency: "USD" }, typeId: 542, inverseTypeId: 541 },
  },
];

let counter = 0;
const unique = (c: Case) => `${c.type}-${++counter}${c.key === "email" ? "@matrix.test" : ""}`;
const props = (c: Case) => ({ ...c.base, [c.key]: unique(c) });
const withUniqueEmail = (type: string, base: Record<string, string>) => (type === "contacts" ? { ...base, email: `assoc-${++counter}@matrix.test` } : base);

describe.each(CASES)("$type", (c) => {
  it("creates, reads, updates, lists and archives", async () => {
    const values = props(c);
    const created = await client.crm.objects.basicApi.create(c.type, { properties: values, associations: [] });
    expect(created.properties[c.key]).toBe(values[c.key]);
    const read = await client.crm.objects.basicApi.getById(c.type, created.id, [c.key, ...Object.keys(c.change)]);
    expect(read.properties[c.key]).toBe(values[c.key]);
    const updated = await client.crm.objects.basicApi.update(c.type, created.id, { properties: c.change });
    expect(updated.properties).toMatchObject(c.change);
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    const page = await client.crm.objects.basicApi.getPage(c.type, 100, undefined, [c.key]);
    expect(page.results.map((r) => r.id)).toContain(created.id);
    await client.crm.objects.basicApi.archive(c.type, created.id);
    const archived = await client.crm.objects.basicApi.getPage(c.type, 100, undefined, [c.key], undefined, undefined, true);
    expect(archived.results.find((r) => r.id === created.id)?.archived).toBe(true);
  });

  it("batch-creates, reads, updates and archives", async () => {
    const inputs = [props(c), props(c)];
    const created = await client.crm.objects.batchApi.create(c.type, { inputs: inputs.map((properties) => ({ properties, associations: [] })) });
    const ids = created.results.map((r) => r.id);
    expect(ids).toHaveLength(2);
    const read = await client.crm.objects.batchApi.read(c.type, { inputs: ids.map((id) => ({ id })), properties: [c.key], propertiesWithHistory: [] });
    expect(read.results.map((r) => r.properties[c.key]).sort()).toEqual(inputs.map((i) => i[c.key]).sort());
    const updated = await client.crm.objects.batchApi.update(c.type, { inputs: ids.map((id) => ({ id, properties: c.change })) });
    expect(updated.results.every((r) => Object.entries(c.change).every(([k, v]) => r.properties[k] === v))).toBe(true);
    await client.crm.objects.batchApi.archive(c.type, { inputs: ids.map((id) => ({ id })) });
    expect((await client.crm.objects.batchApi.read(c.type, { inputs: ids.map((id) => ({ id })), properties: [], propertiesWithHistory: [] })).results).toEqual([]);
  });

  it("is found by search on its own property", async () => {
    const values = props(c);
    const created = await client.crm.objects.basicApi.create(c.type, { properties: values, associations: [] });
    const found = await client.crm.objects.searchApi.doSearch(c.type, {
      filterGroups: [{ filters: [{ propertyName: c.key, operator: "EQ" as never, value: values[c.key] }] }],
      properties: [c.key],
      limit: 10,
      after: "0",
      sorts: [],
    });
    expect(found.results.map((r) => r.id)).toEqual([created.id]);
    expect(found.total).toBe(1);
  });

  it("lists its properties and accepts a custom one", async () => {
    const all = await client.crm.properties.coreApi.getAll(c.type);
    expect(all.results.map((p) => p.name)).toEqual(expect.arrayContaining([c.key, "hs_object_id", c.type === "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate"]));
    const name = `tandem_${c.type}_ref`;
    await client.crm.properties.coreApi.create(c.type, { name, label: "Tandem ref", type: "string" as never, fieldType: "text" as never, groupName: "tandem" });
    const record = await client.crm.objects.basicApi.create(c.type, { properties: { ...props(c), [name]: "ref-1" }, associations: [] });
    expect((await client.crm.objects.basicApi.getById(c.type, record.id, [name])).properties[name]).toBe("ref-1");
  });

});

// Products have no HubSpot-defined associations here: line items point at them via hs_product_id.
const ASSOCIATED = CASES.flatMap((c) => (c.association ? [{ ...c, association: c.association }] : []));

describe.each(ASSOCIATED)("$type associations", (c) => {
  it("associates with the reference's type ids, both ways", async () => {
    const a = c.association;
    const from = await client.crm.objects.basicApi.create(c.type, { properties: props(c), associations: [] });
    const to = await client.crm.objects.basicApi.create(a.toType, { properties: withUniqueEmail(a.toType, a.toBase), associations: [] });
    await client.crm.associations.v4.basicApi.create(c.type, from.id, a.toType, to.id, [{ associationCategory: "HUBSPOT_DEFINED" as never, associationTypeId: a.typeId }]);
    const forward = await client.crm.associations.v4.basicApi.getPage(c.type, from.id, a.toType);
    expect(forward.results).toEqual([expect.objectContaining({ toObjectId: Number(to.id), associationTypes: [expect.objectContaining({ typeId: a.typeId })] })]);
    const backward = await client.crm.associations.v4.basicApi.getPage(a.toType, to.id, c.type);
    expect(backward.results[0]?.associationTypes[0]?.typeId).toBe(a.inverseTypeId);
  });
});
