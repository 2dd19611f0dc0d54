/**
 * The engine's field semantics end to end, through the sandboxes over HTTP, in a two-way contact
 * sync: emptied fields, echo suppression, and field-level merge with either conflict winner.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileRequested } from "../../../inngest/events";
import { db } from "../../db/client";
import { recordLinks } from "../../db/schema";
import type { HubSpotClient } from "../../providers/hubspot/client";
import type { QboCustomer } from "../../providers/quickbooks/types";
import { sendEvents } from "../../runtime";
import { createTestDatabase } from "../../testing/database";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack } from "../../testing/stack";
import type { SyncContext } from "../context";
import { createSyncContext } from "../org-context";
import { syncRecord } from "../sync-record";
import {
  activityOf,
  contact,
  contactPair,
  customer,
  editCustomer,
  inboxCount,
  initialSyncDone,
  linkBy,
  newCustomer,
  notificationsProcessed,
  writesOf,
} from "./testing";

let stack: Stack;
let org: Awaited<ReturnType<typeof connectNewOrg>>;
let ctx: SyncContext;
let someoneElse: HubSpotClient;
const seeded: Record<string, QboCustomer> = {};

beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
  org = await connectNewOrg(stack);
  ctx = await createSyncContext(db(), org.orgId);
  someoneElse = await hubspotAsSomeoneElse(stack, org);
  const full = { PrimaryPhone: { FreeFormNumber: "555-0100" }, CompanyName: "Acme" };
  for (const [given, family] of [["Ann", "Lee"], ["Bea", "Moss"], ["Cal", "Nye"], ["Dot", "Orr"], ["Eli", "Poe"]] as const) {
    seeded[given] = await newCustomer(ctx, given, family, `${given.toLowerCase()}@example.test`, { ...full, CompanyName: `${family} Inc` });
  }
  await org.caller.sync.updateSettings({ object: "contacts", enabled: true, direction: "two_way" });
  await initialSyncDone(org.orgId, "contacts", 5);
}, 120_000);
afterAll(() => stack?.stop());

/** Both sides of the contact synced from the seeded customer, and its link. */
async function sides(given: string) {
  const link = (await linkBy(org.orgId, "contacts", "quickbooks", seeded[given]!.Id))!;
  const [c, q] = await Promise.all([contact(ctx.hubspot, link.hubspotId!), customer(ctx, link.quickbooksId!)]);
  return { link, contact: c, customer: q, pair: contactPair(c, q) };
}

/** Waits until both sides hold `expected` (canonical values) and the link says synced; returns them. */
async function bothSidesEqual(given: string, expected: Record<string, string | null>, what: string) {
  return eventually(async () => {
    const now = await sides(given);
    const matches = (values: Record<string, unknown>) => Object.entries(expected).every(([k, v]) => values[k] === v);
    return matches(now.pair.hubspot) && matches(now.pair.quickbooks) && now.link.state === "synced" ? now : undefined;
  }, what);
}

async function withWebhooksDropped<T>(work: () => Promise<T>): Promise<T> {
  await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
  await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, { webhookDropRate: 1 });
  try {
    return await work();
  } finally {
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 0 } });
    await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, {});
  }
}

describe("the initial two-way sync", () => {
  it("leaves both sides equal field by field", async () => {
    for (const given of Object.keys(seeded)) {
      const { pair, link } = await sides(given);
      expect(link.state).toBe("synced");
      expect(pair.hubspot).toEqual(pair.quickbooks);
      expect(pair.quickbooks.phone).toBe("555-0100");
    }
  });
});

describe("clearing a field", () => {
  it("in QuickBooks clears it in HubSpot, and a later unrelated edit on either side doesn't bring the old value back", async () => {
    await editCustomer(ctx, seeded.Ann!.Id, { PrimaryPhone: { FreeFormNumber: "" }, CompanyName: "", FamilyName: "" });
    const cleared = await bothSidesEqual("Ann", { phone: null, companyName: null, lastName: null }, "the cleared fields to reach HubSpot");
    expect(cleared.pair.hubspot).toEqual(cleared.pair.quickbooks);
    expect(cleared.pair.hubspot).toEqual({ email: "ann@example.test", firstName: "Ann", lastName: null, companyName: null, phone: null });

    await editCustomer(ctx, seeded.Ann!.Id, { GivenName: "Annabel" });
    await bothSidesEqual("Ann", { firstName: "Annabel" }, "the QuickBooks first-name edit");
    await someoneElse.updateObject("contacts", cleared.link.hubspotId!, { firstname: "Anna" });
    const after = await bothSidesEqual("Ann", { firstName: "Anna" }, "the HubSpot first-name edit");
    expect(after.pair.hubspot).toEqual({ email: "ann@example.test", firstName: "Anna", lastName: null, companyName: null, phone: null });
    expect(after.pair.quickbooks).toEqual(after.pair.hubspot);
  });

  it("in HubSpot clears it in QuickBooks, and a later unrelated edit on either side doesn't bring the old value back", async () => {
    const { link } = await sides("Bea");
    await someoneElse.updateObject("contacts", link.hubspotId!, { phone: "", company: "", lastname: "" });
    const cleared = await bothSidesEqual("Bea", { phone: null, companyName: null, lastName: null }, "the cleared fields to reach QuickBooks");
    expect(cleared.pair.quickbooks).toEqual({ email: "bea@example.test", firstName: "Bea", lastName: null, companyName: null, phone: null });
    expect(cleared.pair.hubspot).toEqual(cleared.pair.quickbooks);

    await someoneElse.updateObject("contacts", link.hubspotId!, { firstname: "Beatrice" });
    await bothSidesEqual("Bea", { firstName: "Beatrice" }, "the HubSpot first-name edit");
    await editCustomer(ctx, seeded.Bea!.Id, { GivenName: "Bee" });
    const after = await bothSidesEqual("Bea", { firstName: "Bee" }, "the QuickBooks first-name edit");
    expect(after.pair.quickbooks).toEqual({ email: "bea@example.test", firstName: "Bee", lastName: null, companyName: null, phone: null });
    expect(after.pair.hubspot).toEqual(after.pair.quickbooks);
  });
});

describe("echo suppression", () => {
  it("a HubSpot edit is written to QuickBooks once; QuickBooks' notification of that write causes no further write", async () => {
    const before = await sides("Cal");
    const writesBefore = (await writesOf([before.link.id])).length;
    const inboxBefore = await inboxCount("quickbooks", before.customer.Id);

    const edited = await someoneElse.updateObject("contacts", before.link.hubspotId!, { phone: "555-0142" });
    // The positive case: the real edit is written to QuickBooks.
    const synced = await bothSidesEqual("Cal", { phone: "555-0142" }, "the HubSpot edit to reach QuickBooks");
    expect(Number(synced.customer.SyncToken)).toBe(Number(before.customer.SyncToken) + 1);
    // QuickBooks notifies every change, Tandem's own write included; that notification is read and dropped.
    await notificationsProcessed("quickbooks", before.customer.Id, inboxBefore + 1);
    await eventually(async () => (await writesOf([before.link.id])).length === writesBefore + 1, "the one write to be recorded");

    const after = await sides("Cal");
    expect(after.contact.updatedAt).toBe(edited.updatedAt);
    expect(after.customer.SyncToken).toBe(synced.customer.SyncToken);
    expect(await writesOf([before.link.id])).toHaveLength(writesBefore + 1);
    expect(after.pair.hubspot).toEqual(after.pair.quickbooks);
  });

  it("a QuickBooks edit is written to HubSpot once; HubSpot's notification of that write causes no further write", async () => {
    const before = await sides("Dot");
    const writesBefore = (await writesOf([before.link.id])).length;
    const inboxBefore = await inboxCount("quickbooks", before.customer.Id);
    const userEdit = await editCustomer(ctx, before.customer.Id, { CompanyName: "Orr & Daughters" });
    const synced = await bothSidesEqual("Dot", { companyName: "Orr & Daughters" }, "the QuickBooks edit to reach HubSpot");
    expect(synced.contact.updatedAt).not.toBe(before.contact.updatedAt);

    // HubSpot tells Tandem about its own write too.
    const echo = await eventually(async () => {
      const { results } = await stack.hubspotAdmin<{ results: Array<{ status: string; events: Array<{ objectId: number; sourceId?: string }> }> }>(
        "GET",
        `/accounts/${org.hubspotPortalId}/deliveries?appId=${stack.hubspotApp.appId}`,
      );
      return results.find(
        (d) => d.status === "delivered" && d.events.some((e) => String(e.objectId) === before.link.hubspotId && e.sourceId === String(stack.hubspotApp.appId)),
      );
    }, "HubSpot's notification of Tandem's write");
    expect(echo).toBeDefined();
    await notificationsProcessed("quickbooks", before.customer.Id, inboxBefore + 1);

    const after = await sides("Dot");
    expect(after.customer.SyncToken).toBe(userEdit.SyncToken);
    expect(after.contact.updatedAt).toBe(synced.contact.updatedAt);
    expect(await writesOf([before.link.id])).toHaveLength(writesBefore + 1);
    expect(after.pair.hubspot).toEqual(after.pair.quickbooks);
  });
});

// HubSpot's edit comes first: with its webhooks dropped nothing notices it but a run, while Tandem's
// QuickBooks CDC poll may sync a QuickBooks edit at once; edited the other way round, a poll between
// the two edits would sync them one after the other, with nothing to merge.
describe("field-level merge", () => {
  it("keeps both sides' edits of different fields on both sides", async () => {
    const { link } = await sides("Eli");
    await withWebhooksDropped(async () => {
      await someoneElse.updateObject("contacts", link.hubspotId!, { lastname: "Poe-Rivers" });
      await editCustomer(ctx, seeded.Eli!.Id, { PrimaryPhone: { FreeFormNumber: "555-0177" } });
      await sendEvents(reconcileRequested.create({ orgId: org.orgId }));
      const merged = await bothSidesEqual("Eli", { phone: "555-0177", lastName: "Poe-Rivers" }, "the merge of both edits");
      expect(merged.pair.hubspot).toEqual({ email: "eli@example.test", firstName: "Eli", lastName: "Poe-Rivers", companyName: "Poe Inc", phone: "555-0177" });
      expect(merged.pair.quickbooks).toEqual(merged.pair.hubspot);
      expect((await activityOf(link.id)).some((a) => a.action === "conflict_resolved")).toBe(false);
    });
  });

  for (const winner of ["quickbooks", "hubspot"] as const) {
    it(`settles the same field edited on both sides by the configured winner (${winner})`, async () => {
      await org.caller.sync.updateSettings({ object: "contacts", conflictWinner: winner });
      const { link } = await sides("Eli");
      const values = { quickbooks: `QB-${winner}`, hubspot: `HS-${winner}` };
      await withWebhooksDropped(async () => {
        await someoneElse.updateObject("contacts", link.hubspotId!, { phone: values.hubspot });
        await editCustomer(ctx, seeded.Eli!.Id, { PrimaryPhone: { FreeFormNumber: values.quickbooks }, GivenName: `Eli-${winner}` });
        await sendEvents(reconcileRequested.create({ orgId: org.orgId }));
        const settled = await bothSidesEqual("Eli", { phone: values[winner], firstName: `Eli-${winner}` }, `${winner}'s phone to win`);
        expect(settled.pair.quickbooks).toEqual(settled.pair.hubspot);
        expect(settled.pair.hubspot.lastName).toBe("Poe-Rivers");
        const conflict = (await activityOf(link.id)).filter((a) => a.action === "conflict_resolved").at(-1);
        expect(conflict?.message).toContain(winner === "hubspot" ? "HubSpot's data won for Phone" : "QuickBooks's data won for Phone");
      });
    });
  }
});

describe("a link cut short before its first sync finished", () => {
  /** A HubSpot contact and a QuickBooks customer with one email, left linked without snapshots (a run stopped after joining or creating). */
  async function pairCutShort(name: string, counterpartCreated: boolean) {
    const email = `${name.toLowerCase()}@example.test`;
    const made = await newCustomer(ctx, name, "Quinn", email);
    const created = await someoneElse.createObject("contacts", { email, firstname: name, lastname: "Quinn" });
    const [link] = await db()
      .insert(recordLinks)
      .values({ orgId: org.orgId, object: "contacts", origin: "quickbooks", quickbooksId: made.Id, hubspotId: created.id, counterpartCreated, label: email, state: "pending" })
      .returning();
    return { link: link!, customerId: made.Id, contactId: created.id };
  }

  it("settles two matched records by the conflict winner, while a counterpart Tandem made follows the record it was made from", async () => {
    await org.caller.sync.updateSettings({ object: "contacts", conflictWinner: "hubspot" });
    await withWebhooksDropped(async () => {
      const matched = await pairCutShort("Gus", false);
      const made = await pairCutShort("Hal", true);
      for (const pair of [matched, made]) {
        await someoneElse.updateObject("contacts", pair.contactId, { lastname: "Quinn-Edited" });
        await syncRecord(db(), { orgId: org.orgId, object: "contacts", side: "hubspot", recordId: pair.contactId });
      }

      // Matched: HubSpot is the winner, so its later edit stays and reaches QuickBooks.
      const gus = contactPair(await contact(ctx.hubspot, matched.contactId), await customer(ctx, matched.customerId));
      expect(gus.hubspot.lastName).toBe("Quinn-Edited");
      expect(gus.quickbooks).toEqual(gus.hubspot);
      // Made by Tandem from QuickBooks: the QuickBooks record it was made from is the truth.
      const hal = contactPair(await contact(ctx.hubspot, made.contactId), await customer(ctx, made.customerId));
      expect(hal.hubspot.lastName).toBe("Quinn");
      expect(hal.quickbooks).toEqual(hal.hubspot);
      for (const pair of [matched, made]) expect((await linkBy(org.orgId, "contacts", "hubspot", pair.contactId))?.state).toBe("synced");
    });
  });
});
