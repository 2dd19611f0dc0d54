import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@hubspot/api-client";
import { apiError, startSandbox, installTestApp, type InstalledApp, type SandboxHarness } from "../testing/harness";

let h: SandboxHarness;
let app: InstalledApp;
let client: Client;

beforeAll(async () => {
  h = await startSandbox();
  app = await installTestApp(h);
  client = app.client;
});
afterAll(async () => h?.close());

describe("objects CRUD through @hubspot/api-client", () => {
  it("creates, reads, updates, lists and archives contacts", async () => {
    const created = await client.crm.contacts.basicApi.create({ properties: { email: "ada@example.com", firstname: "Ada" }, associations: [] });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.properties.email).toBe("ada@example.com");
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.properties.hs_object_id).toBe(created.id);

    const read = await client.crm.contacts.basicApi.getById(created.id, ["email", "firstname", "phone"]);
    expect(read.properties).toMatchObject({ email: "ada@example.com", firstname: "Ada", phone: null });

    const updated = await client.crm.contacts.basicApi.update(created.id, { properties: { lastname: "Lovelace" } });
    expect(updated.properties.lastname).toBe("Lovelace");

    const byEmail = await client.crm.contacts.basicApi.getById("ADA@example.com", ["lastname"], undefined, undefined, false, "email");
    expect(byEmail.id).toBe(created.id);

    await client.crm.contacts.basicApi.archive(created.id);
    const gone = await apiError(client.crm.contacts.basicApi.getById(created.id));
    expect(gone.code).toBe(404);
    expect(gone.body.category).toBe("OBJECT_NOT_FOUND");
  });

  it("refuses a second contact with the same email with the reference's 409 body", async () => {
    const first = await client.crm.contacts.basicApi.create({ properties: { email: "dup@example.com" }, associations: [] });
    const error = await apiError(client.crm.contacts.basicApi.create({ properties: { email: "DUP@example.com" }, associations: [] }));
    expect(error.code).toBe(409);
    expect(error.body).toMatchObject({ status: "error", message: `Contact already exists. Existing ID: ${first.id}`, category: "CONFLICT" });
  });

  it("pages through a list with after cursors", async () => {
    for (let i = 0; i < 5; i++) await client.crm.products.basicApi.create({ properties: { name: `Paged ${i}`, price: String(i) }, associations: [] });
    const first = await client.crm.products.basicApi.getPage(2, undefined, ["name"]);
    expect(first.results).toHaveLength(2);
    expect(first.paging?.next?.after).toBeTruthy();
    const second = await client.crm.products.basicApi.getPage(2, first.paging?.next?.after, ["name"]);
    expect(second.results[0]?.id).not.toBe(first.results[0]?.id);
    expect(Number(second.results[0]?.id)).toBeGreaterThan(Number(first.results[1]?.id));
  });

  it("rejects unknown properties with VALIDATION_ERROR and writes nothing", async () => {
    const error = await apiError(client.crm.products.basicApi.create({ properties: { name: "X", not_a_property: "1" }, associations: [] }));
    expect(error.code).toBe(400);
    expect(error.body.category).toBe("VALIDATION_ERROR");
    expect(String(error.body.message)).toContain("not_a_property");
  });

  it("answers 401 for a bad token", async () => {
    const stranger = new Client({ accessToken: "nope", basePath: h.apiBase });
    const error = await apiError(stranger.crm.contacts.basicApi.getPage());
    expect(error.code).toBe(401);
    expect(error.body.category).toBe("INVALID_AUTHENTICATION");
  });
});

describe("batch", () => {
  it("creates, reads, updates, upserts and archives in batches, 207 on partial failure", async () => {
    const created = await client.crm.objects.batchApi.create("products", {
      inputs: [
        { properties: { name: "Batch A", hs_sku: "B-A", price: "10" }, associations: [], objectWriteTraceId: "a" },
        { properties: { name: "Batch B", hs_sku: "B-B", price: "20" }, associations: [], objectWriteTraceId: "b" },
      ],
    });
    expect(created.status).toBe("COMPLETE");
    expect(created.results.map((r) => r.properties.name).sort()).toEqual(["Batch A", "Batch B"]);
    const ids = created.results.map((r) => r.id);

    const read = await client.crm.objects.batchApi.read("products", { inputs: [...ids.map((id) => ({ id })), { id: "999999999" }], properties: ["hs_sku"], propertiesWithHistory: [] });
    expect(read.results).toHaveLength(2);
    expect("errors" in read && read.errors?.[0]?.category).toBe("OBJECT_NOT_FOUND");
    expect("errors" in read && read.errors?.[0]?.context?.ids).toEqual(["999999999"]);

    const updated = await client.crm.objects.batchApi.update("products", { inputs: [{ id: ids[0] ?? "", properties: { price: "11" } }] });
    expect(updated.results[0]?.properties.price).toBe("11");

    const partial = await client.crm.objects.batchApi.update("products", {
      inputs: [
        { id: ids[1] ?? "", properties: { price: "21" }, objectWriteTraceId: "ok" },
        { id: "999999998", properties: { price: "1" }, objectWriteTraceId: "missing" },
      ],
    });
    expect(partial.results).toHaveLength(1);
    expect("errors" in partial && partial.errors?.[0]?.context?.objectWriteTraceId).toEqual(["missing"]);

    const upserted = await client.crm.objects.batchApi.upsert("products", {
      inputs: [
        { id: "B-A", idProperty: "hs_sku", properties: { price: "12" } },
        { id: "B-NEW", idProperty: "hs_sku", properties: { name: "Batch new" } },
      ],
    });
    const byNew = Object.fromEntries(upserted.results.map((r) => [r.properties.hs_sku ?? r.id, r]));
    expect(upserted.results).toHaveLength(2);
    expect(upserted.results.find((r) => r.id === ids[0])?.properties.price).toBe("12");
    expect(Object.values(byNew).some((r) => r.properties.name === "Batch new")).toBe(true);

    await client.crm.objects.batchApi.archive("products", { inputs: ids.map((id) => ({ id })) });
    const after = await client.crm.objects.batchApi.read("products", { inputs: ids.map((id) => ({ id })), properties: [], propertiesWithHistory: [] });
    expect(after.results).toHaveLength(0);
  });

  it("refuses more than 100 inputs", async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ properties: { name: `n${i}` }, associations: [] }));
    const error = await apiError(client.crm.objects.batchApi.create("products", { inputs }));
    expect(error.code).toBe(400);
    expect(error.body.category).toBe("VALIDATION_ERROR");
  });
});

describe("search", () => {
  beforeAll(async () => {
    await client.crm.objects.batchApi.create("contacts", {
      inputs: [
        { properties: { email: "s1@search.test", firstname: "Sam", lastname: "Alpha", phone: "1" }, associations: [] },
        { properties: { email: "s2@search.test", firstname: "Sue", lastname: "Beta" }, associations: [] },
        { properties: { email: "s3@search.test", firstname: "Sid", lastname: "Gamma", phone: "3" }, associations: [] },
      ],
    });
  });

  const search = (filterGroups: unknown[], extra: Record<string, unknown> = {}) =>
    client.crm.contacts.searchApi.doSearch({ filterGroups, properties: ["email", "firstname", "lastname"], limit: 10, after: "0", sorts: ["email"], ...extra } as never);

  it("applies every operator", async () => {
    const emails = async (filters: unknown[]) => (await search([{ filters }])).results.map((r) => r.properties.email).filter((e) => e?.endsWith("@search.test"));
    expect(await emails([{ propertyName: "email", operator: "EQ", value: "S1@search.test" }])).toEqual(["s1@search.test"]);
    expect(await emails([{ propertyName: "firstname", operator: "NEQ", value: "Sam" }, { propertyName: "email", operator: "CONTAINS_TOKEN", value: "*@search.test" }])).toEqual(["s2@search.test", "s3@search.test"]);
    expect(await emails([{ propertyName: "email", operator: "IN", values: ["s1@search.test", "s3@search.test"] }])).toEqual(["s1@search.test", "s3@search.test"]);
    expect(await emails([{ propertyName: "email", operator: "NOT_IN", values: ["s1@search.test"] }, { propertyName: "lastname", operator: "HAS_PROPERTY" }, { propertyName: "email", operator: "CONTAINS_TOKEN", value: "*search.test" }])).toEqual(["s2@search.test", "s3@search.test"]);
    expect(await emails([{ propertyName: "phone", operator: "NOT_HAS_PROPERTY" }, { propertyName: "email", operator: "CONTAINS_TOKEN", value: "*search.test" }])).toEqual(["s2@search.test"]);
    expect(await emails([{ propertyName: "lastname", operator: "GT", value: "alpha" }, { propertyName: "lastname", operator: "LTE", value: "gamma" }])).toEqual(["s2@search.test", "s3@search.test"]);
    expect(await emails([{ propertyName: "lastname", operator: "BETWEEN", value: "a", highValue: "c" }])).toEqual(["s1@search.test", "s2@search.test"]);
    expect(await emails([{ propertyName: "firstname", operator: "NOT_CONTAINS_TOKEN", value: "sam" }, { propertyName: "lastname", operator: "LT", value: "c" }])).toEqual(["s2@search.test"]);
    const now = Date.now();
    expect(await emails([{ propertyName: "lastmodifieddate", operator: "GTE", value: String(now - 600_000) }, { propertyName: "email", operator: "CONTAINS_TOKEN", value: "*search.test" }])).toHaveLength(3);
  });

  it("ORs groups, sorts descending and pages", async () => {
    const result = await search(
      [{ filters: [{ propertyName: "firstname", operator: "EQ", value: "Sam" }] }, { filters: [{ propertyName: "firstname", operator: "EQ", value: "Sid" }] }],
      { sorts: [{ propertyName: "email", direction: "DESCENDING" }], limit: 1 },
    );
    expect(result.total).toBe(2);
    expect(result.results[0]?.properties.email).toBe("s3@search.test");
    expect(result.paging?.next?.after).toBe("1");
  });

  it("enforces the filter limits and the 10,000 cap", async () => {
    const sixGroups = Array.from({ length: 6 }, () => ({ filters: [{ propertyName: "email", operator: "HAS_PROPERTY" }] }));
    expect((await apiError(search(sixGroups))).code).toBe(400);
    const sevenFilters = [{ filters: Array.from({ length: 7 }, () => ({ propertyName: "email", operator: "HAS_PROPERTY" })) }];
    expect((await apiError(search(sevenFilters))).code).toBe(400);
    const nineteen = Array.from({ length: 4 }, () => ({ filters: Array.from({ length: 5 }, () => ({ propertyName: "email", operator: "HAS_PROPERTY" })) }));
    expect((await apiError(search(nineteen))).code).toBe(400);
    const capped = await apiError(search([], { after: "10000" }));
    expect(capped.code).toBe(400);
    expect(capped.body.category).toBe("VALIDATION_ERROR");
  });
});

describe("searchable delay", () => {
  it("hides new records from search until the configured delay has passed, while reads see them", async () => {
    const delayed = await installTestApp(h, {}, { timeScale: 1000, searchableDelayMs: 3_600_000 });
    const created = await delayed.client.crm.contacts.basicApi.create({ properties: { email: "late@example.com" }, associations: [] });
    expect((await delayed.client.crm.contacts.basicApi.getById(created.id)).id).toBe(created.id);
    const found = await delayed.client.crm.contacts.searchApi.doSearch({ filterGroups: [], properties: [], limit: 10, after: "0", sorts: [] });
    expect(found.total).toBe(0);
  });
});

describe("properties", () => {
  it("lists built-in definitions and creates a custom property that records can use and search", async () => {
    const all = await client.crm.properties.coreApi.getAll("invoices");
    const status = all.results.find((p) => p.name === "hs_invoice_status");
    expect(status?.type).toBe("enumeration");
    expect(status?.options.map((o) => o.value)).toEqual(["draft", "open", "paid", "voided"]);

    const created = await client.crm.properties.coreApi.create("contacts", {
      name: "tandem_qbo_id",
      label: "QuickBooks customer id",
      type: "string" as never,
      fieldType: "text" as never,
      groupName: "contactinformation",
    });
    expect(created.name).toBe("tandem_qbo_id");
    const again = await apiError(client.crm.properties.coreApi.create("contacts", { name: "tandem_qbo_id", label: "x", type: "string" as never, fieldType: "text" as never, groupName: "contactinformation" }));
    expect(again.code).toBe(409);

    const contact = await client.crm.contacts.basicApi.create({ properties: { email: "custom@example.com", tandem_qbo_id: "58" }, associations: [] });
    const found = await client.crm.contacts.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: "tandem_qbo_id", operator: "EQ" as never, value: "58" }] }], properties: ["tandem_qbo_id"], limit: 10, after: "0", sorts: [] });
    expect(found.results.map((r) => r.id)).toEqual([contact.id]);
    expect((await client.crm.properties.coreApi.getByName("contacts", "tandem_qbo_id")).label).toBe("QuickBooks customer id");
  });
});

describe("associations v4", () => {
  it("creates default and labelled associations, lists, batch-reads and removes them", async () => {
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: "assoc@example.com" }, associations: [] });
    const company = await client.crm.companies.basicApi.create({ properties: { name: "Assoc Co" }, associations: [] });
    const invoice = await client.crm.objects.basicApi.create("invoices", { properties: { hs_currency: "USD" }, associations: [] });

    await client.crm.associations.v4.basicApi.createDefault("invoices", invoice.id, "contacts", contact.id);
    const labelled = await client.crm.associations.v4.basicApi.create("invoices", invoice.id, "companies", company.id, [
      { associationCategory: "HUBSPOT_DEFINED" as never, associationTypeId: 179 },
    ]);
    expect(labelled.toObjectId).toBe(Number(company.id));

    const toContacts = await client.crm.associations.v4.basicApi.getPage("invoices", invoice.id, "contacts");
    expect(toContacts.results).toEqual([expect.objectContaining({ toObjectId: Number(contact.id), associationTypes: [expect.objectContaining({ typeId: 177, category: "HUBSPOT_DEFINED" })] })]);
    const back = await client.crm.associations.v4.basicApi.getPage("contacts", contact.id, "invoices");
    expect(back.results[0]?.associationTypes[0]?.typeId).toBe(178);

    const withAssoc = await client.crm.objects.basicApi.getById("invoices", invoice.id, undefined, undefined, ["contacts"]);
    expect(withAssoc.associations?.contacts?.results[0]?.id).toBe(contact.id);

    const batch = await client.crm.associations.v4.batchApi.getPage("invoices", "companies", { inputs: [{ id: invoice.id }] });
    expect(batch.results[0]?.to[0]?.toObjectId).toBe(Number(company.id));

    const wrongType = await apiError(
      client.crm.associations.v4.basicApi.create("invoices", invoice.id, "contacts", contact.id, [{ associationCategory: "HUBSPOT_DEFINED" as never, associationTypeId: 409 }]),
    );
    expect(wrongType.code).toBe(400);

    await client.crm.associations.v4.basicApi.archive("invoices", invoice.id, "contacts", contact.id);
    expect((await client.crm.associations.v4.basicApi.getPage("invoices", invoice.id, "contacts")).results).toEqual([]);
  });

  it("batch-creates associations with types", async () => {
    const payment = await client.crm.objects.basicApi.create("commerce_payments", { properties: { hs_initial_amount: "5", hs_initiated_date: new Date().toISOString() }, associations: [] });
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: "payer@example.com" }, associations: [] });
    const created = await client.crm.associations.v4.batchApi.create("commerce_payments", "contacts", {
      inputs: [{ _from: { id: payment.id }, to: { id: contact.id }, types: [{ associationCategory: "HUBSPOT_DEFINED" as never, associationTypeId: 387 }] }],
    });
    expect(created.results).toHaveLength(1);
    expect((await client.crm.associations.v4.basicApi.getPage("contacts", contact.id, "commerce_payments")).results[0]?.associationTypes[0]?.typeId).toBe(388);
  });
});
