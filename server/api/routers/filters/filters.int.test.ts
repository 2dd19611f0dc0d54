import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { syncFilters } from "../../../db/schema";
import { createTestDatabase } from "../../../testing/database";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack } from "../../../testing/stack";
import * as hubspotUi from "../../../sandbox/hubspot/ui/service";
import { contact, contactPair, customer, linkBy } from "../../../sync/engine/testing";
import { createSyncContext } from "../../../sync/org-context";
import { trpcErrorOf } from "../../../testing/trpc-errors";
import { saveSyncConfig } from "../../../sync/config";
import { loadObjectEnv } from "../../../sync/engine/object-env";

let stack: Stack;
let orgA: Awaited<ReturnType<typeof connectNewOrg>>;
let orgB: Awaited<ReturnType<typeof connectNewOrg>>;

beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
  orgA = await connectNewOrg(stack);
  orgB = await connectNewOrg(stack);
}, 120_000);
afterAll(() => stack?.stop());

/** The invoice sync's fixed "finalized, never drafts" rule, as filters.list shows it. */
async function lockedFilter(caller: typeof orgA.caller) {
  const filter = (await caller.filters.list({ object: "invoices" })).find((f) => f.locked && f.label === "Finalized, never drafts");
  if (!filter) throw new Error("the locked drafts rule is not listed");
  return filter;
}

describe("filters", () => {
  it("are created on the fields of the side the records come from, and refused naming the condition otherwise", async () => {
    const inbound = await orgA.caller.filters.create({
      object: "invoices",
      direction: "to_hubspot",
      match: "any",
      conditions: [
        { field: "TotalAmt", operator: "gte", value: "100" },
        { field: "CustomField:1", operator: "is_set" },
      ],
      label: "Large or with a PO",
    });
    expect(inbound).toMatchObject({ direction: "to_hubspot", match: "any", locked: false, reason: null, label: "Large or with a PO" });
    expect(inbound.conditions).toEqual([
      { field: "TotalAmt", operator: "gte", value: "100" },
      { field: "CustomField:1", operator: "is_set" },
    ]);
    const outbound = await orgA.caller.filters.create({ object: "invoices", direction: "to_quickbooks", conditions: [{ field: "hs_currency", operator: "in", value: "USD, CAD" }] });
    expect(outbound).toMatchObject({ match: "all", conditions: [{ field: "hs_currency", operator: "in", value: "USD,CAD" }] });

    // Records going to HubSpot come from QuickBooks: a HubSpot property is not theirs, and the other way round.
    expect(await trpcErrorOf(orgA.caller.filters.create({ object: "invoices", direction: "to_hubspot", conditions: [{ field: "hs_currency", operator: "eq", value: "USD" }] }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "conditions.0.field",
    });
    expect(await trpcErrorOf(orgA.caller.filters.create({ object: "invoices", direction: "to_quickbooks", conditions: [{ field: "DocNumber", operator: "eq", value: "1" }] }))).toMatchObject({
      field: "conditions.0.field",
    });
    expect(await trpcErrorOf(orgA.caller.filters.create({ object: "invoices", direction: "to_hubspot", conditions: [{ field: "TxnDate", operator: "contains", value: "2026" }] }))).toMatchObject({
      field: "conditions.0.operator",
    });
    expect(
      await trpcErrorOf(
        orgA.caller.filters.create({ object: "invoices", direction: "to_quickbooks", conditions: [{ field: "createdAt", operator: "gt", value: "2026-01-01" }, { field: "hs_invoice_status", operator: "eq", value: "unpaid" }] }),
      ),
    ).toMatchObject({ field: "conditions.1.value", message: expect.stringContaining('"unpaid"') });

    const listed = await orgA.caller.filters.list({ object: "invoices" });
    expect(listed.filter((f) => !f.locked).map((f) => f.id).sort()).toEqual([inbound.id, outbound.id].sort());
  });

  it("can be edited and deleted unless locked, which answers with the reason and leaves the filter as it was", async () => {
    const locked = await lockedFilter(orgA.caller);
    const editable = await orgA.caller.filters.create({ object: "payments", direction: "to_hubspot", conditions: [{ field: "TotalAmt", operator: "gt", value: "0" }] });

    const edited = await orgA.caller.filters.update({ id: editable.id, match: "any", conditions: [{ field: "PaymentRefNum", operator: "not_contains", value: "TEST" }], label: "Real payments" });
    expect(edited).toMatchObject({ match: "any", label: "Real payments", conditions: [{ field: "PaymentRefNum", operator: "not_contains", value: "TEST" }] });
    expect(await trpcErrorOf(orgA.caller.filters.update({ id: editable.id, conditions: [{ field: "TxnDate", operator: "lt", value: "soon" }] }))).toMatchObject({
      field: "conditions.0.value",
    });

    const change = await trpcErrorOf(orgA.caller.filters.update({ id: locked.id, conditions: [{ field: "hs_invoice_status", operator: "is_set" }] }));
    expect(change).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("only finalized invoices go to QuickBooks") });
    expect(change.cause).toMatchObject({ clientDetails: { locked: true, reason: locked.reason } });
    expect(await trpcErrorOf(orgA.caller.filters.delete({ id: locked.id }))).toMatchObject({ code: "FORBIDDEN" });

    expect(await orgA.caller.filters.delete({ id: editable.id })).toEqual({ deleted: true, rechecked: 0 });
    const left = (await orgA.caller.filters.list({ object: "invoices" })).find((f) => f.id === locked.id);
    expect(left).toMatchObject({ locked: true, reason: locked.reason, conditions: locked.conditions });
    expect((await orgA.caller.filters.list({ object: "payments" })).map((f) => f.id)).not.toContain(editable.id);
  });

  it("of the invoice sync include its three fixed outbound rules, stored locked with their reasons, the start rule taking the sync's start", async () => {
    const org = await connectNewOrg(stack);
    const fixedRules = async () => (await org.caller.filters.list({ object: "invoices" })).filter((f) => f.locked);
    const before = await fixedRules();
    expect(before.map(({ direction, match, label, reason, conditions }) => ({ direction, match, label, reason, conditions }))).toEqual([
      {
        direction: "to_quickbooks",
        match: "all",
        label: "Source is HubSpot",
        reason: "Only invoices created in HubSpot go to QuickBooks",
        conditions: [{ field: "hs_invoice_source", operator: "neq", value: "quickbooks" }],
      },
      {
        direction: "to_quickbooks",
        match: "all",
        label: "Finalized, never drafts",
        reason: "Drafts never sync: only finalized invoices go to QuickBooks",
        conditions: [{ field: "hs_invoice_status", operator: "neq", value: "draft" }],
      },
      {
        direction: "to_quickbooks",
        match: "all",
        label: "Created or changed after the sync started",
        reason: "Created and last changed before the sync started",
        conditions: [{ field: "updatedAt", operator: "gte", value: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }],
      },
    ]);

    const started = await saveSyncConfig(db(), org.orgId, "invoices", { enabled: true });
    const after = await fixedRules();
    expect(after.map((f) => f.id)).toEqual(before.map((f) => f.id));
    expect(after[2]!.conditions).toEqual([{ field: "updatedAt", operator: "gte", value: started.startedAt!.toISOString() }]);

    // What the engine evaluates is these rows, the user's filters after them.
    const mine = await org.caller.filters.create({ object: "invoices", direction: "to_quickbooks", conditions: [{ field: "hs_currency", operator: "eq", value: "USD" }] });
    const env = await loadObjectEnv(db(), org.orgId, "invoices");
    expect(env.filters.to_quickbooks).toEqual([
      ...after.map((f) => ({ match: f.match, conditions: f.conditions, reason: f.reason })),
      { match: "all", conditions: mine.conditions, reason: "Left out by the filter “hs_currency eq USD”" },
    ]);
    expect(env.filters.to_hubspot).toEqual([]);

    // A stored rule that drifted from the sync's (edited in the database) is put back before it is evaluated.
    await db().update(syncFilters).set({ conditions: [{ field: "hs_invoice_status", operator: "eq", value: "draft" }] }).where(eq(syncFilters.id, after[1]!.id));
    const healed = await loadObjectEnv(db(), org.orgId, "invoices");
    expect(healed.filters.to_quickbooks[1]).toEqual({ match: "all", conditions: [{ field: "hs_invoice_status", operator: "neq", value: "draft" }], reason: after[1]!.reason });

    for (const rule of after) {
      const edit = await trpcErrorOf(org.caller.filters.update({ id: rule.id, conditions: [{ field: "hs_currency", operator: "is_set" }] }));
      expect(edit).toMatchObject({ code: "FORBIDDEN", message: `This filter is part of the sync and can't be changed: ${rule.reason}` });
      expect(await trpcErrorOf(org.caller.filters.delete({ id: rule.id }))).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining(rule.reason!) });
    }
    expect(await fixedRules()).toEqual(after);
    // The same calls change the user's own filter.
    expect(await org.caller.filters.update({ id: mine.id, match: "any" })).toMatchObject({ id: mine.id, match: "any" });
    expect(await org.caller.filters.delete({ id: mine.id })).toMatchObject({ deleted: true });
  });

  it("adds the recommended inbound filter 'created after today' once", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const first = await orgA.caller.filters.createdAfterToday({ object: "contacts" });
    expect(first).toMatchObject({
      created: true,
      filter: { direction: "to_hubspot", match: "all", locked: false, conditions: [{ field: "createdAt", operator: "gt", value: today }], label: `Created after ${today}` },
    });
    const again = await orgA.caller.filters.createdAfterToday({ object: "contacts" });
    expect(again).toMatchObject({ created: false, filter: { id: first.filter.id } });
    expect(await orgA.caller.filters.list({ object: "contacts" })).toHaveLength(1);
  });

  it("name a 'created after' filter after its date, and rename it when the condition changes unless the user named it", async () => {
    const made = await orgA.caller.filters.createdAfterToday({ object: "invoices" });
    const moved = await orgA.caller.filters.update({ id: made.filter.id, conditions: [{ field: "createdAt", operator: "gt", value: "2026-01-31" }] });
    expect(moved).toMatchObject({ label: "Created after 2026-01-31", conditions: [{ field: "createdAt", operator: "gt", value: "2026-01-31" }] });
    // Another condition has no name of Tandem's: the list describes the condition itself.
    const other = await orgA.caller.filters.update({ id: made.filter.id, conditions: [{ field: "DocNumber", operator: "is_set" }] });
    expect(other).toMatchObject({ label: null, conditions: [{ field: "DocNumber", operator: "is_set" }] });
    const back = await orgA.caller.filters.update({ id: made.filter.id, conditions: [{ field: "createdAt", operator: "gt", value: "2026-02-01" }] });
    expect(back.label).toBe("Created after 2026-02-01");
    expect((await orgA.caller.filters.list({ object: "invoices" })).find((f) => f.id === made.filter.id)?.label).toBe("Created after 2026-02-01");
    // A label the user gave stays whatever the condition becomes.
    await orgA.caller.filters.update({ id: made.filter.id, label: "New items only" });
    const named = await orgA.caller.filters.update({ id: made.filter.id, conditions: [{ field: "createdAt", operator: "gt", value: "2026-03-01" }] });
    expect(named).toMatchObject({ label: "New items only", conditions: [{ value: "2026-03-01" }] });
    // A filter added with that condition gets the name too.
    const added = await orgA.caller.filters.create({ object: "invoices", direction: "to_hubspot", conditions: [{ field: "createdAt", operator: "gt", value: "2026-04-01" }] });
    expect(added.label).toBe("Created after 2026-04-01");
  });

  it("of one org are out of another's sight and reach", async () => {
    const mine = await orgA.caller.filters.create({ object: "products", direction: "to_hubspot", conditions: [{ field: "Sku", operator: "is_set" }] });
    expect(await orgB.caller.filters.list({ object: "products" })).toEqual([]);
    expect(await trpcErrorOf(orgB.caller.filters.update({ id: mine.id, match: "any" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await trpcErrorOf(orgB.caller.filters.delete({ id: mine.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await orgA.caller.filters.list({ object: "products" })).toEqual([expect.objectContaining({ id: mine.id, match: "all" })]);
  });

  it("loosened or deleted, let the records they kept out sync, and leave the ones still kept out excluded", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const account = Number(org.hubspotPortalId);
    const made = async (email: string, lastname: string) => String((await hubspotUi.createContact(account, { email, firstname: "Lee", lastname, company: "Acme" })).id);
    const [kept, partner, other] = [await made("lee@keep.example", "Kept"), await made("lee@partner.example", "Partner"), await made("lee@other.example", "Other")];
    const filter = await org.caller.filters.create({ object: "contacts", direction: "to_quickbooks", conditions: [{ field: "email", operator: "contains", value: "@keep." }] });
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true, direction: "two_way" });
    const settledAs = (id: string, state: "synced" | "excluded", what: string) =>
      eventually(async () => {
        const link = await linkBy(org.orgId, "contacts", "hubspot", id);
        return link?.state === state ? link : undefined;
      }, what);
    const expectSame = async (hubspotId: string, quickbooksId: string) => {
      const pair = contactPair(await contact(ctx.hubspot, hubspotId), await customer(ctx, quickbooksId));
      expect(pair.quickbooks).toEqual(pair.hubspot);
    };

    const keptLink = await settledAs(kept, "synced", "the contact the filter lets through");
    await expectSame(kept, keptLink.quickbooksId!);
    expect((await settledAs(partner, "excluded", "a contact the filter keeps out")).quickbooksId).toBeNull();
    await settledAs(other, "excluded", "another contact the filter keeps out");

    const loosened = await org.caller.filters.update({ id: filter.id, match: "any", conditions: [{ field: "email", operator: "contains", value: "@keep." }, { field: "email", operator: "contains", value: "@partner." }] });
    expect(loosened.rechecked).toBe(2);
    const partnerLink = await settledAs(partner, "synced", "the contact the loosened filter lets through");
    await expectSame(partner, partnerLink.quickbooksId!);
    const stillOut = await settledAs(other, "excluded", "the contact still kept out");
    expect(stillOut.quickbooksId).toBeNull();
    expect(await ctx.quickbooks.queryAll("Customer", "PrimaryEmailAddr = 'lee@other.example'")).toHaveLength(0);

    expect(await org.caller.filters.delete({ id: filter.id })).toEqual({ deleted: true, rechecked: 1 });
    const otherLink = await settledAs(other, "synced", "the contact once no filter applies");
    await expectSame(other, otherLink.quickbooksId!);
  }, 90_000);
  it("tightened, keep a synced record out at its next change, even of a field only the filter reads, and let the others sync on", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    const account = Number(org.hubspotPortalId);
    const made = async (email: string, lastname: string) => String((await hubspotUi.createContact(account, { email, firstname: "Ada", lastname, company: "Acme" })).id);
    const [staying, moving] = [await made("ada@stays.example", "Stays"), await made("ada@moves.example", "Moves")];
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true, direction: "two_way" });
    const settled = (id: string, what: string, done: (link: NonNullable<Awaited<ReturnType<typeof linkBy>>>) => boolean) =>
      eventually(async () => {
        const link = await linkBy(org.orgId, "contacts", "hubspot", id);
        return link && done(link) ? link : undefined;
      }, what);
    const stayingLink = await settled(staying, "the first contact synced", (l) => l.state === "synced");
    const movingLink = await settled(moving, "the second contact synced", (l) => l.state === "synced");

    // City is no mapped field: only the filter reads it.
    await org.caller.filters.create({ object: "contacts", direction: "to_quickbooks", conditions: [{ field: "city", operator: "neq", value: "Lyon" }] });
    await someoneElse.updateObject("contacts", moving, { city: "Lyon" });
    await someoneElse.updateObject("contacts", staying, { city: "Nice", lastname: "Stayed" });

    const excluded = await settled(moving, "the contact the tightened filter keeps out", (l) => l.state === "excluded");
    expect(excluded).toMatchObject({ id: movingLink.id, quickbooksId: movingLink.quickbooksId });
    expect(excluded.excludedReason).toMatch(/city/i);
    // Its QuickBooks customer stays as last synced; the other contact's change went through.
    expect((await customer(ctx, movingLink.quickbooksId!)).FamilyName).toBe("Moves");
    await settled(staying, "the change of the contact the filter lets through", (l) => l.state === "synced" && l.hubspotSnapshot?.lastName === "Stayed");
    const pair = contactPair(await contact(ctx.hubspot, staying), await customer(ctx, stayingLink.quickbooksId!));
    expect(pair.quickbooks).toEqual(pair.hubspot);
    expect(pair.quickbooks).toMatchObject({ lastName: "Stayed" });

    // Changed while kept out, then back within the filter: it syncs again, with what changed meanwhile.
    await someoneElse.updateObject("contacts", moving, { lastname: "Moved" });
    await someoneElse.updateObject("contacts", moving, { city: "Nice" });
    await settled(moving, "the contact back in the filter", (l) => l.state === "synced");
    expect((await customer(ctx, movingLink.quickbooksId!)).FamilyName).toBe("Moved");
  }, 90_000);
});
