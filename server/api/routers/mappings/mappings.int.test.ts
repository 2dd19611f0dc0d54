import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { recordLinks } from "../../../db/schema";
import { events } from "../../../runtime/embedded/schema";
import { createTestDatabase } from "../../../testing/database";
import { connectNewOrg, hubspotAsSomeoneElse, startStack, type Stack } from "../../../testing/stack";
import { trpcErrorOf } from "../../../testing/trpc-errors";

let stack: Stack;
let orgA: Awaited<ReturnType<typeof connectNewOrg>>;
let orgB: Awaited<ReturnType<typeof connectNewOrg>>;

beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
  orgA = await connectNewOrg(stack);
  orgB = await connectNewOrg(stack);
  // The portal's own custom invoice property, made in HubSpot by someone other than Tandem.
  const hubspot = await hubspotAsSomeoneElse(stack, orgA);
  await hubspot.createProperty("invoices", { name: "po_number", label: "PO number", type: "string", fieldType: "text", groupName: "invoiceinformation" });
}, 120_000);
afterAll(() => stack?.stop());

/** Invoice links as the engine would leave them: synced both ways, HubSpot-only, excluded, and a line under the first. */
async function seedInvoiceLinks(orgId: string) {
  const [both] = await db()
    .insert(recordLinks)
    .values({ orgId, object: "invoices", hubspotId: "h-1", quickbooksId: "q-1", origin: "hubspot", state: "synced" })
    .returning();
  await db()
    .insert(recordLinks)
    .values([
      { orgId, object: "invoices", hubspotId: "h-2", origin: "hubspot", state: "failed" },
      { orgId, object: "invoices", quickbooksId: "q-3", origin: "quickbooks", state: "excluded", excludedReason: "Created before the sync started" },
      { orgId, object: "invoices", hubspotId: "line-1", quickbooksId: "q-1:1", origin: "hubspot", state: "synced", parentLinkId: both!.id },
    ]);
}

async function queuedResyncs(orgId: string) {
  return db()
    .select({ data: events.data })
    .from(events)
    .where(and(eq(events.name, "tandem/record.resync-requested"), sql`${events.data}->>'orgId' = ${orgId}`));
}

describe("mappings.availableFields", () => {
  it("lists HubSpot's invoice properties (the portal's custom one included) and QuickBooks' fields with the PO Number custom field", async () => {
    const fields = await orgA.caller.mappings.availableFields({ object: "invoices" });
    const poNumber = fields.hubspot.find((f) => f.path === "po_number");
    expect(poNumber).toMatchObject({ label: "PO number", kind: "text", custom: true, readOnly: false });
    expect(poNumber!.compatible).toContain("CustomField:1");
    expect(fields.quickbooks).toContainEqual({ path: "CustomField:1", label: "PO Number", kind: "text", readOnly: false, custom: true });

    const dueDate = fields.hubspot.find((f) => f.path === "hs_due_date");
    expect(dueDate).toMatchObject({ kind: "date", custom: false });
    expect(dueDate!.compatible).toEqual(expect.arrayContaining(["TxnDate", "DueDate", "ShipDate"]));
    expect(dueDate!.compatible).not.toContain("CustomField:1");
    expect(fields.hubspot.find((f) => f.path === "hs_invoice_status")).toMatchObject({ kind: "enum", options: expect.arrayContaining([{ value: "paid", label: "paid" }]) });
    expect(fields.hubspot.find((f) => f.path === "hs_amount_billed")).toMatchObject({ kind: "money", readOnly: true });
  });

  it("lists invoice lines' fields apart, and other objects' fields from their own HubSpot type", async () => {
    const lines = await orgA.caller.mappings.availableFields({ object: "invoices", collection: "lines" });
    expect(lines.hubspot.find((f) => f.path === "quantity")).toMatchObject({ kind: "number", compatible: expect.arrayContaining(["SalesItemLineDetail.Qty", "SalesItemLineDetail.UnitPrice"]) });
    expect(lines.quickbooks.map((f) => f.path)).not.toContain("CustomField:1");

    const contacts = await orgA.caller.mappings.availableFields({ object: "contacts" });
    expect(contacts.hubspot.find((f) => f.path === "email")).toMatchObject({ kind: "email", compatible: expect.arrayContaining(["PrimaryEmailAddr.Address"]) });
    expect(contacts.hubspot.map((f) => f.path)).not.toContain("po_number");
    const payments = await orgA.caller.mappings.availableFields({ object: "payments" });
    expect(payments.hubspot.find((f) => f.path === "hs_initial_amount")).toMatchObject({ kind: "money", compatible: expect.arrayContaining(["TotalAmt"]) });

    expect(await trpcErrorOf(orgA.caller.mappings.availableFields({ object: "contacts", collection: "lines" }))).toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("mappings.create", () => {
  it("refuses an incompatible pair and unknown fields with a field error naming the field", async () => {
    const incompatible = await trpcErrorOf(orgA.caller.mappings.create({ object: "invoices", hubspotProperty: "hs_due_date", quickbooksPath: "CustomField:1" }));
    expect(incompatible).toMatchObject({ code: "BAD_REQUEST", field: "quickbooksPath", message: expect.stringContaining("PO Number") });

    const unknownHubSpot = await trpcErrorOf(orgA.caller.mappings.create({ object: "invoices", hubspotProperty: "po_numbr", quickbooksPath: "CustomField:1" }));
    expect(unknownHubSpot).toMatchObject({ code: "BAD_REQUEST", field: "hubspotProperty", message: expect.stringContaining("po_numbr") });

    const unknownQuickBooks = await trpcErrorOf(orgA.caller.mappings.create({ object: "invoices", hubspotProperty: "po_number", quickbooksPath: "CustomField:2" }));
    expect(unknownQuickBooks).toMatchObject({ code: "BAD_REQUEST", field: "quickbooksPath", message: expect.stringContaining("CustomField:2") });

    // Nothing was added: only the seeded defaults are there.
    expect((await orgA.caller.mappings.list({ object: "invoices" })).mappings.filter((m) => !m.isDefault)).toEqual([]);
  });

  it("refuses a mapping on invoice lines, which the sync would never apply, and makes one on the invoice itself", async () => {
    const org = await connectNewOrg(stack);
    const onLines = await trpcErrorOf(org.caller.mappings.create({ object: "invoices", collection: "lines", hubspotProperty: "name", quickbooksPath: "Description" }));
    expect(onLines).toMatchObject({ code: "BAD_REQUEST", field: "collection", message: expect.stringContaining("Invoice lines can't take mappings of their own") });
    // The lines' own mappings are the seeded switches for their parts, nothing more.
    expect((await org.caller.mappings.list({ object: "invoices", collection: "lines" })).mappings.map((m) => [m.key, m.isDefault])).toEqual([
      ["lineDescription", true],
      ["lineQuantity", true],
      ["lineUnitPrice", true],
    ]);

    const onInvoice = await org.caller.mappings.create({ object: "invoices", hubspotProperty: "hs_title", quickbooksPath: "PrivateNote" });
    expect(onInvoice.mapping).toMatchObject({ collection: "", hubspotProperty: "hs_title", quickbooksPath: "PrivateNote", isDefault: false });
  });
});

describe("mapping changes", () => {
  it("bump the object's mapping version and say when a resync is suggested, and for how many records", async () => {
    await seedInvoiceLinks(orgA.orgId);
    const start = (await orgA.caller.mappings.list({ object: "invoices" })).mappingVersion;

    const created = await orgA.caller.mappings.create({ object: "invoices", hubspotProperty: "po_number", quickbooksPath: "CustomField:1" });
    expect(created.mapping).toMatchObject({ key: "custom:po_number", label: "PO number", kind: "text", direction: "both", enabled: true, isDefault: false });
    // The synced and the failed invoice; not the excluded one, nor the line (it follows its invoice).
    expect(created).toMatchObject({ mappingVersion: start + 1, resync: { suggested: true, records: 2 } });
    const id = created.mapping!.id;

    const twice = await trpcErrorOf(orgA.caller.mappings.create({ object: "invoices", hubspotProperty: "po_number", quickbooksPath: "PrivateNote" }));
    expect(twice).toMatchObject({ code: "BAD_REQUEST", field: "hubspotProperty" });

    const off = await orgA.caller.mappings.update({ id, enabled: false });
    expect(off).toMatchObject({ mapping: { enabled: false }, mappingVersion: start + 2, resync: { suggested: false, records: 0 } });
    const on = await orgA.caller.mappings.update({ id, enabled: true });
    expect(on).toMatchObject({ mapping: { enabled: true }, mappingVersion: start + 3, resync: { suggested: true, records: 2 } });
    const winner = await orgA.caller.mappings.update({ id, conflictWinner: "quickbooks" });
    expect(winner).toMatchObject({ mapping: { conflictWinner: "quickbooks" }, mappingVersion: start + 4, resync: { suggested: false } });
    const oneWay = await orgA.caller.mappings.update({ id, direction: "to_hubspot" });
    expect(oneWay).toMatchObject({ mapping: { direction: "to_hubspot" }, mappingVersion: start + 5, resync: { suggested: true, records: 2 } });
    const unchanged = await orgA.caller.mappings.update({ id, direction: "to_hubspot", enabled: true });
    expect(unchanged).toMatchObject({ mappingVersion: start + 5, resync: { suggested: false } });

    const incompatible = await trpcErrorOf(orgA.caller.mappings.update({ id, quickbooksPath: "DueDate" }));
    expect(incompatible).toMatchObject({ code: "BAD_REQUEST", field: "quickbooksPath" });
    const repointed = await orgA.caller.mappings.update({ id, quickbooksPath: "PrivateNote" });
    expect(repointed).toMatchObject({ mapping: { key: "custom:po_number", quickbooksPath: "PrivateNote" }, mappingVersion: start + 6, resync: { suggested: true } });

    const deleted = await orgA.caller.mappings.delete({ id });
    expect(deleted).toEqual({ mapping: null, mappingVersion: start + 7, resync: { suggested: false, records: 0 } });
    const after = await orgA.caller.mappings.list({ object: "invoices" });
    expect(after.mappingVersion).toBe(start + 7);
    expect(after.mappings.filter((m) => !m.isDefault)).toEqual([]);
  });

  it("lets default mappings be switched off and on, never deleted or pointed elsewhere", async () => {
    const { mappings, mappingVersion } = await orgA.caller.mappings.list({ object: "contacts" });
    expect(mappings.map((m) => m.key)).toEqual(["companyName", "email", "firstName", "lastName", "phone"]);
    const phone = mappings.find((m) => m.key === "phone")!;
    expect(phone).toMatchObject({ isDefault: true, enabled: true, hubspotProperty: "phone", quickbooksPath: "PrimaryPhone.FreeFormNumber" });

    expect(await orgA.caller.mappings.update({ id: phone.id, enabled: false })).toMatchObject({ mapping: { enabled: false }, mappingVersion: mappingVersion + 1 });
    expect(await trpcErrorOf(orgA.caller.mappings.delete({ id: phone.id }))).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(await trpcErrorOf(orgA.caller.mappings.update({ id: phone.id, quickbooksPath: "Mobile.FreeFormNumber" }))).toMatchObject({ code: "BAD_REQUEST", field: "quickbooksPath" });

    // Switched off, its HubSpot property is free for a custom mapping; switching the default back on would then map it twice.
    const mobile = await orgA.caller.mappings.create({ object: "contacts", hubspotProperty: "phone", quickbooksPath: "Mobile.FreeFormNumber" });
    expect(mobile.mapping).toMatchObject({ key: "custom:phone", quickbooksPath: "Mobile.FreeFormNumber" });
    expect(await trpcErrorOf(orgA.caller.mappings.update({ id: phone.id, enabled: true }))).toMatchObject({ code: "BAD_REQUEST", field: "hubspotProperty" });
    await orgA.caller.mappings.delete({ id: mobile.mapping!.id });
    expect(await orgA.caller.mappings.update({ id: phone.id, enabled: true })).toMatchObject({ mapping: { enabled: true }, mappingVersion: mappingVersion + 4 });
  });
});

describe("mappings.resync", () => {
  it("queues a resync of every linked record of the object, from the QuickBooks side where it has one", async () => {
    const before = await queuedResyncs(orgA.orgId);
    expect(await orgA.caller.mappings.resync({ object: "invoices" })).toEqual({ queued: 2, batchId: expect.any(String), queuedAt: expect.any(Date) });
    const queued = (await queuedResyncs(orgA.orgId)).slice(before.length).map((e) => e.data);
    expect(queued).toEqual(
      expect.arrayContaining([
        { orgId: orgA.orgId, object: "invoices", side: "quickbooks", recordId: "q-1" },
        { orgId: orgA.orgId, object: "invoices", side: "hubspot", recordId: "h-2" },
      ]),
    );
    expect(queued).toHaveLength(2);
    expect(await orgA.caller.mappings.resync({ object: "payments" })).toMatchObject({ queued: 0, batchId: null });
  });
});

describe("tenant isolation", () => {
  it("keeps one org's mappings out of another's sight and reach", async () => {
    const mine = await orgA.caller.mappings.create({ object: "invoices", hubspotProperty: "po_number", quickbooksPath: "CustomField:1" });
    const id = mine.mapping!.id;

    expect((await orgB.caller.mappings.list({ object: "invoices" })).mappings.map((m) => m.id)).not.toContain(id);
    expect((await orgB.caller.mappings.list({ object: "invoices" })).mappings.filter((m) => !m.isDefault)).toEqual([]);
    expect(await trpcErrorOf(orgB.caller.mappings.update({ id, enabled: false }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await trpcErrorOf(orgB.caller.mappings.delete({ id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await orgB.caller.mappings.resync({ object: "invoices" })).toMatchObject({ queued: 0, batchId: null });
    // Org B's portal has no po_number property: org A's HubSpot fields are not B's.
    expect((await orgB.caller.mappings.availableFields({ object: "invoices" })).hubspot.map((f) => f.path)).not.toContain("po_number");

    const theirs = await orgA.caller.mappings.list({ object: "invoices" });
    expect(theirs.mappings.filter((m) => !m.isDefault)).toEqual([expect.objectContaining({ id, enabled: true })]);
  });
});
