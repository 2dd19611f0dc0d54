import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@hubspot/api-client";
import { apiError, installTestApp, startSandbox, type SandboxHarness } from "../testing/harness";

/** Contacts as HubSpot has them: their own date properties, email rules and batch conflicts. */
let h: SandboxHarness;
let client: Client;

beforeAll(async () => {
  h = await startSandbox();
  client = (await installTestApp(h)).client;
});
afterAll(async () => h?.close());

const contactCount = async () => (await client.crm.contacts.basicApi.getPage(100)).results.length;

describe("contacts' built-in dates", () => {
  it("always carry createdate, lastmodifieddate and hs_object_id, whatever properties asks for", async () => {
    const created = await client.crm.contacts.basicApi.create({ properties: { email: "dates@example.com" }, associations: [] });
    const read = await client.crm.contacts.basicApi.getById(created.id, ["email"]);
    expect(Object.keys(read.properties).sort()).toEqual(["createdate", "email", "hs_object_id", "lastmodifieddate"]);
    expect(read.properties.hs_object_id).toBe(created.id);
    expect(Date.parse(read.properties.lastmodifieddate!)).toBe(read.updatedAt.getTime());
    expect(Date.parse(read.properties.createdate!)).toBe(read.createdAt.getTime());

    const [batchRead] = (await client.crm.contacts.batchApi.read({ inputs: [{ id: created.id }], properties: ["firstname"], propertiesWithHistory: [] })).results;
    expect(batchRead?.properties).toMatchObject({ createdate: expect.any(String), lastmodifieddate: expect.any(String), hs_object_id: created.id });
  });

  it("are searchable and sortable on lastmodifieddate", async () => {
    const before = Date.now() - 1000;
    const a = await client.crm.contacts.basicApi.create({ properties: { email: "mod-a@lastmod.test" }, associations: [] });
    const b = await client.crm.contacts.basicApi.create({ properties: { email: "mod-b@lastmod.test" }, associations: [] });
    await client.crm.contacts.basicApi.update(a.id, { properties: { firstname: "Later" } });
    const found = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: "lastmodifieddate", operator: "GTE", value: String(before) } as never, { propertyName: "email", operator: "CONTAINS_TOKEN", value: "*@lastmod.test" } as never] }],
      sorts: [{ propertyName: "lastmodifieddate", direction: "ASCENDING" }] as never,
      properties: ["email"],
      limit: 10,
      after: "0",
    });
    expect(found.results.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(found.results[0]?.properties.lastmodifieddate).toBeTruthy();
  });

  it("have no hs_createdate / hs_lastmodifieddate: a search on them finds nothing, as in HubSpot", async () => {
    const before = Date.now() - 1000;
    await client.crm.contacts.basicApi.create({ properties: { email: "hs-dates@hsdates.test" }, associations: [] });
    const onEmail = { propertyName: "email", operator: "CONTAINS_TOKEN", value: "*@hsdates.test" } as never;
    const search = (propertyName: string) =>
      client.crm.contacts.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName, operator: "GTE", value: String(before) } as never, onEmail] }], properties: ["email"], limit: 10, after: "0", sorts: [] });
    expect((await search("lastmodifieddate")).total).toBe(1);
    expect((await search("hs_lastmodifieddate")).total).toBe(0);

    const names = (await client.crm.properties.coreApi.getAll("contacts")).results.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["createdate", "lastmodifieddate"]));
    expect(names).not.toContain("hs_lastmodifieddate");
    expect(names).not.toContain("hs_createdate");
  });
});

describe("contacts' emails", () => {
  it("refuses a malformed email with 400 VALIDATION_ERROR / INVALID_EMAIL, on create and update", async () => {
    const onCreate = await apiError(client.crm.contacts.basicApi.create({ properties: { email: "not-an-email" }, associations: [] }));
    expect(onCreate.code).toBe(400);
    expect(onCreate.body.category).toBe("VALIDATION_ERROR");
    expect(String(onCreate.body.message)).toContain("INVALID_EMAIL");
    expect(onCreate.body.errors).toEqual([expect.objectContaining({ code: "INVALID_EMAIL", context: { propertyName: ["email"] } })]);

    const contact = await client.crm.contacts.basicApi.create({ properties: { email: "valid@example.com" }, associations: [] });
    const onUpdate = await apiError(client.crm.contacts.basicApi.update(contact.id, { properties: { email: "still not@an email" } }));
    expect(onUpdate.code).toBe(400);
    expect(String(onUpdate.body.message)).toContain("INVALID_EMAIL");
  });

  it("allows a contact without an email", async () => {
    const created = await client.crm.contacts.basicApi.create({ properties: { firstname: "No", lastname: "Email" }, associations: [] });
    const read = await client.crm.contacts.basicApi.getById(created.id, ["email", "firstname"]);
    expect(read.properties).toMatchObject({ email: null, firstname: "No" });
  });

  it("answers a batch create whose email already exists with 409 CONFLICT for the whole batch", async () => {
    const existing = await client.crm.contacts.basicApi.create({ properties: { email: "taken@example.com" }, associations: [] });
    const countBefore = await contactCount();
    const error = await apiError(
      client.crm.contacts.batchApi.create({
        inputs: [
          { properties: { email: "fresh-1@example.com" }, associations: [] },
          { properties: { email: "TAKEN@example.com" }, associations: [] },
          { properties: { email: "fresh-2@example.com" }, associations: [] },
        ],
      }),
    );
    expect(error.code).toBe(409);
    expect(error.body).toMatchObject({ status: "error", category: "CONFLICT", message: `Contact already exists. Existing ID: ${existing.id}` });
    expect(await contactCount()).toBe(countBefore);
  });

  it("refuses a batch whose inputs share an email (any case) with 409 CONFLICT, and creates a batch of distinct emails in input order", async () => {
    const countBefore = await contactCount();
    const error = await apiError(
      client.crm.contacts.batchApi.create({
        inputs: [
          { properties: { email: "twice@batch.test" }, associations: [] },
          { properties: { email: "other@batch.test" }, associations: [] },
          { properties: { email: "TWICE@batch.test" }, associations: [] },
        ],
      }),
    );
    expect(error.code).toBe(409);
    expect(error.body).toMatchObject({ status: "error", category: "CONFLICT", message: expect.stringMatching(/^Contact already exists\. Existing ID: \d+$/) });
    expect(await contactCount()).toBe(countBefore);

    const created = await client.crm.contacts.batchApi.create({
      inputs: [
        { properties: { email: "twice@batch.test", firstname: "First" }, associations: [] },
        { properties: { email: "other@batch.test", firstname: "Second" }, associations: [] },
      ],
    });
    expect(created.results.map((r) => r.properties.email)).toEqual(["twice@batch.test", "other@batch.test"]);
    const [first, second] = created.results;
    expect(Number(first!.id)).toBeLessThan(Number(second!.id));
    for (const result of created.results) {
      const read = await client.crm.contacts.basicApi.getById(result.id, ["email", "firstname"]);
      expect(read.properties).toMatchObject({ hs_object_id: result.id, email: result.properties.email, firstname: result.properties.firstname });
      expect(Date.parse(read.properties.createdate!)).toBe(read.createdAt.getTime());
      expect(Date.parse(read.properties.lastmodifieddate!)).toBe(read.updatedAt.getTime());
    }
    expect(await contactCount()).toBe(countBefore + 2);
  });

  it("creates the valid inputs of a batch and answers 207 with the invalid one's error and trace id", async () => {
    const countBefore = await contactCount();
    const response = await client.crm.contacts.batchApi.create({
      inputs: [
        { properties: { email: "ok-1@partial.test" }, associations: [], objectWriteTraceId: "t1" },
        { properties: { email: "not an email" }, associations: [], objectWriteTraceId: "t2" },
        { properties: { email: "ok-2@partial.test" }, associations: [], objectWriteTraceId: "t3" },
      ],
    });
    expect(response.results.map((r) => r.properties.email)).toEqual(["ok-1@partial.test", "ok-2@partial.test"]);
    const errors = "errors" in response ? response.errors : undefined;
    expect(errors).toEqual([expect.objectContaining({ category: "VALIDATION_ERROR", context: { objectWriteTraceId: ["t2"] } })]);
    expect(errors?.[0]?.message).toContain("INVALID_EMAIL");
    const found = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: "email", operator: "CONTAINS_TOKEN", value: "*@partial.test" } as never] }],
      properties: ["email"],
      limit: 10,
      after: "0",
    });
    expect(found.results.map((r) => r.properties.email).sort()).toEqual(["ok-1@partial.test", "ok-2@partial.test"]);
    expect(await contactCount()).toBe(countBefore + 2);
  });
});
