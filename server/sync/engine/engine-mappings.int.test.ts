/**
 * Mappings and filters as data, end to end through the sandboxes over HTTP: a custom mapping
 * syncs, a switched-off default stops, a filter keeps records out with its reason, and a mapping
 * change leaves untouched records untouched until a resync.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileRequested } from "../../../inngest/events";
import { db } from "../../db/client";
import type { QboCustomer } from "../../providers/quickbooks/types";
import { sendEvents } from "../../runtime";
import { createTestDatabase } from "../../testing/database";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack } from "../../testing/stack";
import { createSyncContext } from "../org-context";
import { contact, customer, editCustomer, initialSyncDone, links, linkBy, newCustomer, orgWorkSettled, writesOf } from "./testing";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

async function setUp(customers: Array<[string, string, Partial<QboCustomer>?]>, direction: "two_way" | "to_hubspot" = "two_way") {
  const org = await connectNewOrg(stack);
  const ctx = await createSyncContext(db(), org.orgId);
  const someoneElse = await hubspotAsSomeoneElse(stack, org);
  await someoneElse.createProperty("contacts", { name: "customer_notes", label: "Customer notes", type: "string", fieldType: "textarea", groupName: "contactinformation" });
  const seeded: Record<string, QboCustomer> = {};
  for (const [given, family, extra] of customers) seeded[given] = await newCustomer(ctx, given, family, `${given.toLowerCase()}@example.test`, extra);
  await org.caller.sync.updateSettings({ object: "contacts", enabled: true, direction });
  await initialSyncDone(org.orgId, "contacts", customers.length);
  const contactOf = async (given: string) => {
    const link = (await linkBy(org.orgId, "contacts", "quickbooks", seeded[given]!.Id))!;
    return { link, contact: await contact(ctx.hubspot, link.hubspotId!, ["customer_notes"]), customer: await customer(ctx, link.quickbooksId!) };
  };
  return { org, ctx, someoneElse, seeded, contactOf };
}

describe("a custom mapping on contacts", () => {
  it("syncs a HubSpot custom property with QuickBooks Notes, both ways, and clears it too", async () => {
    const { org, ctx, someoneElse, seeded, contactOf } = await setUp([["Ann", "Lee"]]);
    const created = await org.caller.mappings.create({ object: "contacts", hubspotProperty: "customer_notes", quickbooksPath: "Notes" });
    expect(created.mapping).toMatchObject({ key: "custom:customer_notes", kind: "text", direction: "both", isDefault: false, enabled: true });

    await editCustomer(ctx, seeded.Ann!.Id, { Notes: "Pays by wire" });
    const toHubSpot = await eventually(async () => {
      const now = await contactOf("Ann");
      return now.contact.properties.customer_notes === "Pays by wire" ? now : undefined;
    }, "the QuickBooks notes to reach the HubSpot property");
    expect(toHubSpot.link.state).toBe("synced");

    await someoneElse.updateObject("contacts", toHubSpot.link.hubspotId!, { customer_notes: "Pays by card" });
    await eventually(async () => ((await customer(ctx, seeded.Ann!.Id)) as QboCustomer & { Notes?: string }).Notes === "Pays by card", "the HubSpot property to reach QuickBooks Notes");

    await someoneElse.updateObject("contacts", toHubSpot.link.hubspotId!, { customer_notes: "" });
    await eventually(async () => !((await customer(ctx, seeded.Ann!.Id)) as QboCustomer & { Notes?: string }).Notes, "the cleared property to clear QuickBooks Notes");
    const after = await contactOf("Ann");
    expect(after.contact.properties.customer_notes || null).toBeNull();
    expect(after.link.state).toBe("synced");
    // The default mappings still hold alongside it.
    expect(after.contact.properties).toMatchObject({ email: "ann@example.test", firstname: "Ann", lastname: "Lee" });
  });

  it("syncs a HubSpot property with QuickBooks Mobile", async () => {
    const { org, ctx, seeded, contactOf } = await setUp([["Mo", "Bile"]], "to_hubspot");
    await org.caller.mappings.create({ object: "contacts", hubspotProperty: "customer_notes", quickbooksPath: "Mobile.FreeFormNumber" });
    await editCustomer(ctx, seeded.Mo!.Id, { Mobile: { FreeFormNumber: "555-0300" } });
    await eventually(async () => (await contactOf("Mo")).contact.properties.customer_notes === "555-0300", "QuickBooks Mobile to reach HubSpot");
  });
});

describe("a switched-off default mapping", () => {
  it("stops syncing its field (phone) either way while the other fields still sync", async () => {
    const { org, ctx, someoneElse, seeded, contactOf } = await setUp([["Bea", "Moss", { PrimaryPhone: { FreeFormNumber: "555-0100" } }]]);
    expect((await contactOf("Bea")).contact.properties.phone).toBe("555-0100");
    const phone = (await org.caller.mappings.list({ object: "contacts" })).mappings.find((m) => m.key === "phone")!;
    await org.caller.mappings.update({ id: phone.id, enabled: false });

    await editCustomer(ctx, seeded.Bea!.Id, { PrimaryPhone: { FreeFormNumber: "555-0111" }, FamilyName: "Moss-Hart" });
    const fromQuickBooks = await eventually(async () => {
      const now = await contactOf("Bea");
      return now.contact.properties.lastname === "Moss-Hart" ? now : undefined;
    }, "the last-name edit to reach HubSpot");
    expect(fromQuickBooks.contact.properties.phone).toBe("555-0100");
    expect(fromQuickBooks.link.state).toBe("synced");

    await someoneElse.updateObject("contacts", fromQuickBooks.link.hubspotId!, { phone: "555-0122", firstname: "Beatrice" });
    await eventually(async () => (await customer(ctx, seeded.Bea!.Id)).GivenName === "Beatrice", "the first-name edit to reach QuickBooks");
    expect((await customer(ctx, seeded.Bea!.Id)).PrimaryPhone?.FreeFormNumber).toBe("555-0111");
  });
});

describe("a filter", () => {
  it("keeps out the records it excludes, with its reason, and lets the others sync", async () => {
    const { org, ctx } = await setUp([["Cal", "Nye", { CompanyName: "Nye Ltd" }]], "to_hubspot");
    const filter = await org.caller.filters.create({
      object: "contacts",
      direction: "to_hubspot",
      conditions: [{ field: "CompanyName", operator: "is_set" }],
      label: "Only customers with a company",
    });
    expect(filter).toMatchObject({ locked: false, direction: "to_hubspot" });

    const solo = await newCustomer(ctx, "Sol", "Oh", "sol@example.test");
    const firm = await newCustomer(ctx, "Fay", "Firm", "fay@example.test", { CompanyName: "Firm & Co" });
    const [excluded, passed] = await eventually(async () => {
      const rows = await links(org.orgId, "contacts");
      const s = rows.find((l) => l.quickbooksId === solo.Id);
      const f = rows.find((l) => l.quickbooksId === firm.Id);
      return s?.state === "excluded" && f?.state === "synced" ? ([s, f] as const) : undefined;
    }, "the filtered and the passing customer to settle");
    expect(excluded.excludedReason).toBe("Left out by the filter “Only customers with a company”");
    expect(excluded.hubspotId).toBeNull();
    const { items: shown } = await org.caller.sync.records({ object: "contacts", state: "excluded" });
    expect(shown.find((r) => r.quickbooksId === solo.Id)?.excludedReason).toBe("Left out by the filter “Only customers with a company”");

    const emails = (await ctx.hubspot.listAll("contacts", ["email", "company"])).map((c) => c.properties.email);
    expect(emails).toContain("fay@example.test");
    expect(emails).not.toContain("sol@example.test");
    expect((await contact(ctx.hubspot, passed.hubspotId!)).properties).toMatchObject({ firstname: "Fay", lastname: "Firm", company: "Firm & Co" });

    // Given a company, the excluded customer passes and syncs.
    await editCustomer(ctx, solo.Id, { CompanyName: "Oh Corp" });
    const joined = await eventually(async () => {
      const row = (await links(org.orgId, "contacts")).find((l) => l.quickbooksId === solo.Id);
      return row?.state === "synced" ? row : undefined;
    }, "the customer to pass the filter");
    expect((await contact(ctx.hubspot, joined.hubspotId!)).properties).toMatchObject({ email: "sol@example.test", company: "Oh Corp" });
  });
});

describe("a mapping change", () => {
  it("leaves untouched records unwritten through reconciliation, and a resync writes the new field", async () => {
    const names = ["Ada", "Ben", "Cy", "Di", "Ed", "Flo"];
    const { org, ctx, seeded, contactOf } = await setUp(
      names.map((n, i) => [n, "Test", { PrimaryPhone: { FreeFormNumber: `555-01${i}0` }, ...(i % 2 === 0 ? { Notes: `Note for ${n}` } : {}) }] as [string, string, Partial<QboCustomer>]),
    );
    const state = async () =>
      Object.fromEntries(
        await Promise.all(
          names.map(async (n) => {
            const now = await contactOf(n);
            return [n, { syncToken: now.customer.SyncToken, updatedAt: now.contact.updatedAt, link: now.link }] as const;
          }),
        ),
      );
    const before = await state();
    const linkIds = Object.values(before).map((s) => s.link.id);
    const writesBefore = (await writesOf(linkIds)).length;

    // A custom mapping added and a default one switched off.
    await org.caller.mappings.create({ object: "contacts", hubspotProperty: "customer_notes", quickbooksPath: "Notes" });
    const phone = (await org.caller.mappings.list({ object: "contacts" })).mappings.find((m) => m.key === "phone")!;
    await org.caller.mappings.update({ id: phone.id, enabled: false });

    // The positive case: one record really changes (its webhook lost), and reconciliation writes it.
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
    const touched = await editCustomer(ctx, seeded.Flo!.Id, { GivenName: "Florence" });
    const since = new Date();
    await sendEvents(reconcileRequested.create({ orgId: org.orgId }));
    await orgWorkSettled(org.orgId, "reconcile-org", since);
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 0 } });
    const flo = await contactOf("Flo");
    expect(flo.contact.properties.firstname).toBe("Florence");
    expect(flo.customer.SyncToken).toBe(touched.SyncToken);

    const after = await state();
    for (const n of names.filter((x) => x !== "Flo")) {
      expect(after[n]!.syncToken, `${n} in QuickBooks`).toBe(before[n]!.syncToken);
      expect(after[n]!.updatedAt, `${n} in HubSpot`).toBe(before[n]!.updatedAt);
      expect(after[n]!.link.state).toBe("synced");
    }
    const writes = (await writesOf(linkIds)).slice(writesBefore);
    expect(writes.map((w) => w.linkId)).toEqual([before.Flo!.link.id]);
    for (const n of ["Ada", "Cy", "Ed"]) expect((await contactOf(n)).contact.properties.customer_notes || null).toBeNull();

    // A resync brings the new field to the records synced before it existed.
    const { queued } = await org.caller.mappings.resync({ object: "contacts" });
    expect(queued).toBe(names.length);
    for (const n of ["Ada", "Cy", "Ed"]) {
      await eventually(async () => (await contactOf(n)).contact.properties.customer_notes === `Note for ${n}`, `${n}'s notes to reach HubSpot`);
    }
    // The switched-off phone is not rewritten by it: HubSpot keeps what it had.
    expect((await contactOf("Ada")).contact.properties.phone).toBe("555-0100");
  });
});
