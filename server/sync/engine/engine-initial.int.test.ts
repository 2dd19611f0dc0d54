import { and, eq, inArray, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
/**
 * Initial syncs and products on the engine, through the sandboxes over HTTP: concurrent "switch
 * on" calls start one initial sync, a change made during an initial sync is parked and synced
 * afterwards (but one it synced itself at the version noticed), a
 * page retried after a crash links the contacts its first attempt made instead of duplicating them,
 * a change noticed at a version since synced ends without a read, contacts go to QuickBooks in batches with their DisplayName candidates, and products run in all three directions, a one-way product sync showing a receiving-side edit as
 * out of step (ONE_WAY_EDIT) until it is reverted or overwritten.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { connections, parkedChanges, recordLinks, syncConfigs, webhookInbox } from "../../db/schema";
import { QUICKBOOKS_ID_PROPERTY } from "../../providers/hubspot/adapter";
import { ensureTandemProperties } from "../../providers/hubspot/tandem-properties";
import { QUICKBOOKS_WRITES_PER_STEP } from "../../providers/quickbooks/client";
import type { QboCustomer, QboItem } from "../../providers/quickbooks/types";
import { listRuns } from "../../runtime";
import { events, runs } from "../../runtime/embedded/schema";
import { createTestDatabase } from "../../testing/database";
import { recordQuickBooksCalls } from "../../testing/provider-calls";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack } from "../../testing/stack";
import { loadSyncConfig } from "../config";
import { createSyncContext } from "../org-context";
import { findChanges } from "../reconcile";
import { parkDuringInitialSyncs, resumeParkedChanges } from "../parked-changes";
import { syncRecord } from "../sync-record";
import { seenVersion } from "./apply";
import { LockSession, objectLockKey } from "./locks";
import { contact, contactPair, customer, editCustomer, editItem, initialSyncDone, initialSyncRunCompleted, item, linkBy, links, newCustomer, product } from "./testing";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

describe("switching a sync on", () => {
  it("several times at once starts exactly one initial sync", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    for (const name of ["Ann", "Bob", "Cy"]) await newCustomer(ctx, name, "Once", `${name.toLowerCase()}@once.test`);
    const answers = await Promise.all(Array.from({ length: 6 }, () => org.caller.sync.updateSettings({ object: "contacts", enabled: true })));
    expect(answers.filter((a) => a.initialSyncStarted)).toHaveLength(1);
    expect(answers.every((a) => a.enabled)).toBe(true);
    await initialSyncDone(org.orgId, "contacts", 3);
    // The sync clears its run id in its last step; the run itself completes just after.
    const runs = await eventually(async () => {
      const ofOrg = (await listRuns(db(), { workflowId: "initial-sync", limit: 500 })).filter((r) => r.event.data.orgId === org.orgId);
      return ofOrg.every((r) => r.status === "completed" || r.status === "failed") ? ofOrg : undefined;
    }, "the initial sync run to finish");
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe("completed");
    expect((await ctx.hubspot.listAll("contacts", ["email"])).map((c) => c.properties.email).sort()).toEqual(["ann@once.test", "bob@once.test", "cy@once.test"]);
  });
});

describe("a change made while an initial sync runs", () => {
  it("is synced once the initial sync is done, even for a record the initial sync already wrote", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const count = 250;
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/seed`, {
      customers: Array.from({ length: count }, (_, i) => ({
        DisplayName: `Bulk ${i}`,
        GivenName: "Bulk",
        FamilyName: `N${i}`,
        PrimaryEmailAddr: { Address: `bulk${i}@example.test` },
      })),
    });
    // HubSpot answers slowly, so the initial sync (fast since its batches got cheaper) is still on
    // its second page when the edit lands.
    await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, { latencyMs: 500 });
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    // A customer the initial sync has already written, while it is still running.
    const early = await eventually(async () => {
      const running = (await loadSyncConfig(db(), org.orgId, "contacts")).initialSyncRunId;
      const synced = (await links(org.orgId, "contacts")).find((l) => l.state === "synced");
      return running && synced ? synced : undefined;
    }, "the initial sync to have written a first record", 30_000);
    await editCustomer(ctx, early.quickbooksId!, { FamilyName: "Changed-During" });
    const stillRunning = Boolean((await loadSyncConfig(db(), org.orgId, "contacts")).initialSyncRunId);

    await initialSyncDone(org.orgId, "contacts", count);
    await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, {});
    const arrived = await eventually(async () => {
      const c = await contact(ctx.hubspot, early.hubspotId!);
      return c.properties.lastname === "Changed-During" ? c : undefined;
    }, "the change made during the initial sync to reach HubSpot", 30_000);
    expect(arrived.properties.firstname).toBe("Bulk");
    expect((await linkBy(org.orgId, "contacts", "quickbooks", early.quickbooksId!))?.state).toBe("synced");
    expect((await customer(ctx, early.quickbooksId!)).FamilyName).toBe("Changed-During");
    // The edit did land while the initial sync was running (else this test proves less).
    expect(stillRunning).toBe(true);
  }, 60_000);
});

describe("a reconciliation pass during an initial sync", () => {
  it("parks what it finds instead of starting runs, and runs only what the initial sync didn't sync at the version found", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const count = 250;
    // No webhooks: only what reconciliation finds is parked here.
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/seed`, {
      customers: Array.from({ length: count }, (_, i) => ({ DisplayName: `Late ${i}`, GivenName: "Late", FamilyName: `N${i}`, PrimaryEmailAddr: { Address: `late${i}@example.test` } })),
    });
    const idOf = new Map((await ctx.quickbooks.queryAll<QboCustomer>("Customer")).map((c) => [c.DisplayName, c.Id]));
    const secondPage = Array.from({ length: 10 }, (_, i) => idOf.get(`Late ${count - 1 - i}`)!);
    const reconcile = async () => expect(await parkDuringInitialSyncs(db(), org.orgId, (await findChanges(db(), org.orgId)).changes)).toEqual([]);
    // The initial sync's pages wait for the object's lock, as for a single-record sync holding it.
    const holdPages = async () => {
      const held = await LockSession.open(db());
      await held.lock(objectLockKey(org.orgId, "contacts"), "shared");
      return held;
    };

    const beforeFirstPage = await holdPages();
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    await eventually(
      async () => (await db().execute(sql`select 1 from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`)).length > 0 || undefined,
      "the first page to wait for the lock",
    );
    // Before any page is read, customers of the second page are edited: its read will find the edits.
    const edited = new Map<string, string>();
    for (const id of secondPage) edited.set(id, (await editCustomer(ctx, id, { FamilyName: `Edited ${id}` })).SyncToken);
    await reconcile();
    await beforeFirstPage.close();
    const beforeSecondPage = await holdPages();

    // A customer of the first page is edited after it was written: only a run can bring that.
    const written = await links(org.orgId, "contacts");
    const early = written.find((l) => l.state === "synced")!;
    await editCustomer(ctx, early.quickbooksId!, { FamilyName: "Edited early" });
    await reconcile();
    const parked = await parkedOf(org.orgId);
    await beforeSecondPage.close();

    await initialSyncDone(org.orgId, "contacts", count);
    for (const id of [early.quickbooksId!, ...secondPage]) {
      await eventually(async () => {
        const link = (await linkBy(org.orgId, "contacts", "quickbooks", id))!;
        const pair = contactPair(await contact(ctx.hubspot, link.hubspotId!), await customer(ctx, id));
        return pair.hubspot.lastName === pair.quickbooks.lastName && pair.quickbooks.lastName?.startsWith("Edited") ? pair : undefined;
      }, `customer ${id}'s edit to reach HubSpot`);
    }
    await eventually(async () => ((await parkedOf(org.orgId)).length === 0 ? true : undefined), "the parked changes to be resumed");
    const resumed = new Set(
      (await db().select().from(events).where(inArray(events.externalId, parked.map((row) => `parked:${row.id}`)))).map((event) => (event.data as { recordId: string }).recordId),
    );
    // The second page's edits were synced by the initial sync at the version found: no run. The early edit ran.
    expect(parked.filter((row) => secondPage.includes(row.recordId) && row.version === edited.get(row.recordId)).map((row) => row.recordId).sort()).toEqual([...secondPage].sort());
    expect(secondPage.filter((id) => resumed.has(id))).toEqual([]);
    expect(resumed.has(early.quickbooksId!)).toBe(true);
    expect(await db().select().from(runs).where(and(eq(runs.workflowId, "sync-record"), sql`${runs.event}->'data'->>'orgId' = ${org.orgId}`, inArray(sql`${runs.event}->'data'->>'recordId'`, secondPage)))).toEqual([]);
    // The first page was written, and only it, when the early edit was made (else this test proves less).
    expect(written.map((l) => l.state).sort()).toEqual(Array.from({ length: 200 }, () => "synced"));
  });
});

describe("a change noticed by the poll or reconciliation, at a version since synced", () => {
  it("ends without a read when the link holds that version; a different version, or a webhook still waiting about the record, is read", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    // No webhooks: the Create notification's own run would read the customer alongside the checks below.
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
    const made = await newCustomer(ctx, "Noa", "Seen", "noa@seen.test");
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    const [link] = await initialSyncDone(org.orgId, "contacts", 1);
    const synced = seenVersion(link, "quickbooks")!;
    expect(synced).toBe(made.SyncToken);
    const noticedAt = (version: string) => ({ orgId: org.orgId, object: "contacts" as const, side: "quickbooks" as const, recordId: made.Id, version });
    // Only this customer's reads: the org's poll reads QuickBooks in the background meanwhile.
    const readsOfCustomer = async (change: ReturnType<typeof noticedAt>) => {
      const recording = recordQuickBooksCalls(stack, org.realmId);
      const outcome = await syncRecord(db(), change);
      return { status: outcome.status, reads: recording.stop().filter((call) => call.path === `/customer/${made.Id}`).length };
    };

    expect(await readsOfCustomer(noticedAt(synced))).toEqual({ status: "unchanged", reads: 0 });
    expect(await readsOfCustomer(noticedAt(`${synced}-other`))).toEqual({ status: "unchanged", reads: 1 });

    const connection = await db().query.connections.findFirst({ where: and(eq(connections.orgId, org.orgId), eq(connections.provider, "quickbooks")) });
    const [waiting] = await db()
      .insert(webhookInbox)
      // Received before the run starts (a run marks those dealt with; its start is stamped to the millisecond only).
      .values({ provider: "quickbooks", eventId: randomUUID(), connectionId: connection!.id, object: "contacts", recordId: made.Id, payload: {}, receivedAt: new Date(Date.now() - 1_000) })
      .returning();
    expect(await readsOfCustomer(noticedAt(synced))).toEqual({ status: "unchanged", reads: 1 });
    expect((await db().query.webhookInbox.findFirst({ where: eq(webhookInbox.id, waiting!.id) }))?.processedAt).not.toBeNull();
  });
});

describe("a page retried after a crash between its HubSpot creates and its links", () => {
  it("links the contacts its first attempt made, not yet in HubSpot's search, and creates only the rest", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const made = await newCustomer(ctx, "Made", "First", "made@retry.test");
    const unseen = await newCustomer(ctx, "Made", "Second", "unseen@retry.test");
    const fresh = await newCustomer(ctx, "Not", "Made", "fresh@retry.test");
    await ensureTandemProperties(ctx.hubspot, "contacts");
    // What the first attempt left: pending links (written before any create) and two contacts
    // stamped with their customer's id, which HubSpot's search (by that id) doesn't show yet: the
    // retried page's create of them is refused for their emails, and that refusal links them.
    await db().insert(recordLinks).values([made, unseen, fresh].map((c) => ({ orgId: org.orgId, object: "contacts" as const, origin: "quickbooks" as const, label: c.DisplayName, quickbooksId: c.Id, state: "pending" as const })));
    await stack.hubspotAdmin("PATCH", `/accounts/${org.hubspotPortalId}/settings`, { searchableDelayMs: 3_600_000 });
    const madeContact = await ctx.hubspot.createObject("contacts", { email: "made@retry.test", firstname: "Made", lastname: "First", [QUICKBOOKS_ID_PROPERTY]: made.Id });
    const unseenContact = await ctx.hubspot.createObject("contacts", { email: "unseen@retry.test", firstname: "Made", lastname: "Second", [QUICKBOOKS_ID_PROPERTY]: unseen.Id });
    expect((await ctx.hubspot.searchAll("contacts", { filterGroups: [{ filters: [{ propertyName: QUICKBOOKS_ID_PROPERTY, operator: "IN", values: [made.Id, unseen.Id] }] }], properties: ["email"] })).results).toEqual([]);

    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    const settled = await initialSyncDone(org.orgId, "contacts", 3);
    expect(settled.map((l) => l.state)).toEqual(["synced", "synced", "synced"]);
    const byCustomer = new Map(settled.map((l) => [l.quickbooksId, l.hubspotId]));
    expect(byCustomer.get(made.Id)).toBe(madeContact.id);
    expect(byCustomer.get(unseen.Id)).toBe(unseenContact.id);
    const all = await ctx.hubspot.listAll("contacts", ["email", "firstname", "lastname", QUICKBOOKS_ID_PROPERTY]);
    expect(all.map((c) => [c.properties.email, c.properties[QUICKBOOKS_ID_PROPERTY]]).sort()).toEqual(
      [
        ["fresh@retry.test", fresh.Id],
        ["made@retry.test", made.Id],
        ["unseen@retry.test", unseen.Id],
      ].sort(),
    );
    const created = all.find((c) => c.properties.email === "fresh@retry.test")!;
    expect(byCustomer.get(fresh.Id)).toBe(created.id);
    expect(contactPair(created, await customer(ctx, fresh.Id)).hubspot).toEqual(contactPair(created, await customer(ctx, fresh.Id)).quickbooks);
  });
});

describe("contacts into QuickBooks", () => {
  it("go in batches and in page steps QuickBooks' rate fills in ~10 s: a DisplayName QuickBooks refuses as taken moves to the next candidate, a contact with no candidate left fails with its reason, a matched email links", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    const takenCompany = await newCustomer(ctx, "Taken", "Co", "owner@taken.test");
    const otherCara = await newCustomer(ctx, "Cara", "Diaz", "cara.other@example.test");
    const lee = await newCustomer(ctx, "Lee", "Park", "lee@park.test");
    const seeded: Array<Record<string, string> & { email: string }> = [
      { email: "amy@acme.test", firstname: "Amy", lastname: "Stone", company: "Acme Co" },
      { email: "ben@acme.test", firstname: "Ben", lastname: "Stone", company: "Acme Co" },
      { email: "tom@taken.test", firstname: "Tom", lastname: "Field", company: "Taken Co" },
      { email: "cara@example.test", firstname: "Cara", lastname: "Diaz" },
      { email: "lee@park.test", firstname: "Lee", lastname: "Park" },
      // Enough for a second batch (30 items per batch) and a second page step.
      ...Array.from({ length: QUICKBOOKS_WRITES_PER_STEP }, (_, i) => ({ email: `filler${i}@example.test`, firstname: "Filler", lastname: `N${i}` })),
    ];
    const made = new Map<string, string>();
    for (const properties of seeded) made.set(properties.email, (await someoneElse.createObject("contacts", properties)).id);

    await org.caller.sync.updateSettings({ object: "contacts", enabled: true, direction: "to_quickbooks" });
    const settled = await initialSyncDone(org.orgId, "contacts", seeded.length);
    const byEmail = new Map(settled.map((l) => [seeded.find((c) => made.get(c.email) === l.hubspotId)!.email, l]));

    const cara = byEmail.get("cara@example.test")!;
    expect(cara).toMatchObject({ state: "failed", errorCode: "DUPLICATE_DISPLAY_NAME", quickbooksId: null });
    expect(byEmail.get("lee@park.test")).toMatchObject({ state: "synced", quickbooksId: lee.Id });
    const synced = settled.filter((l) => l.id !== cara.id);
    expect(synced.every((l) => l.state === "synced")).toBe(true);
    const names = new Map<string, string>();
    // Read in bulk: one read per record would run into HubSpot's 110 requests per 10 s.
    const contactsById = new Map((await ctx.hubspot.listAll("contacts", ["email", "firstname", "lastname", "company", "phone"])).map((c) => [c.id, c]));
    const customersById = new Map((await ctx.quickbooks.queryAll<QboCustomer>("Customer")).map((q) => [q.Id, q]));
    for (const link of synced) {
      const c = contactsById.get(link.hubspotId!)!;
      const q = customersById.get(link.quickbooksId!)!;
      const pair = contactPair(c, q);
      expect(pair.quickbooks).toEqual(pair.hubspot);
      names.set(c.properties.email!, q.DisplayName!);
    }
    expect(names.get("amy@acme.test")).toBe("Acme Co");
    expect(names.get("ben@acme.test")).toBe("Ben Stone");
    expect(names.get("tom@taken.test")).toBe("Tom Field");
    expect(names.get("lee@park.test")).toBe("Lee Park");
    expect(names.get(`filler${QUICKBOOKS_WRITES_PER_STEP - 1}@example.test`)).toBe(`Filler N${QUICKBOOKS_WRITES_PER_STEP - 1}`);
    const [config] = await db().select().from(syncConfigs).where(and(eq(syncConfigs.orgId, org.orgId), eq(syncConfigs.object, "contacts")));
    expect(config?.initialSyncProgress).toMatchObject({ pages: 2, read: seeded.length });

    // One customer per email, no second "Cara Diaz", the existing customers untouched.
    const customers = await ctx.quickbooks.queryAll<QboCustomer>("Customer");
    const emails = customers.map((q) => q.PrimaryEmailAddr?.Address).filter(Boolean).sort();
    expect(emails).toEqual([...new Set([...seeded.map((c) => c.email).filter((e) => e !== "cara@example.test"), "owner@taken.test", "cara.other@example.test"])].sort());
    expect(customers.filter((q) => q.DisplayName === "Cara Diaz").map((q) => q.Id)).toEqual([otherCara.Id]);
    expect((await customer(ctx, takenCompany.Id)).DisplayName).toBe("Taken Co");
  }, 60_000);
});

describe("products", () => {
  it("sync to HubSpot, and a HubSpot-side edit in that one-way sync is out of step until reverted or overwritten", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    const widget = await ctx.quickbooks.create<QboItem>(
      "Item",
      { Name: "Widget", Sku: "W-1", Type: "Service", UnitPrice: 10, Description: "A widget", IncomeAccountRef: { value: income!.Id } },
      "seed-widget",
    );
    await org.caller.sync.updateSettings({ object: "products", enabled: true });
    const [link] = await initialSyncDone(org.orgId, "products", 1);
    expect(link!.state).toBe("synced");
    expect((await product(ctx.hubspot, link!.hubspotId!)).properties).toMatchObject({ name: "Widget", hs_sku: "W-1", price: "10", description: "A widget" });

    await editItem(ctx, widget.Id, { UnitPrice: 12.5 });
    await eventually(async () => Number((await product(ctx.hubspot, link!.hubspotId!)).properties.price) === 12.5, "the price change to reach HubSpot");

    // Someone edits the price in HubSpot, which this sync doesn't copy from.
    await someoneElse.updateObject("products", link!.hubspotId!, { price: "99" });
    const outOfStep = await eventually(async () => {
      const row = await linkBy(org.orgId, "products", "hubspot", link!.hubspotId!);
      return row?.state === "failed" ? row : undefined;
    }, "the product to show it is out of step");
    expect(outOfStep).toMatchObject({ errorCode: "ONE_WAY_EDIT" });
    expect(outOfStep.errorDetail).toContain("Unit price");
    const shown = (await org.caller.sync.records({ object: "products", state: "failed" })).items.find((r) => r.id === link!.id);
    expect(shown?.error).toMatchObject({ code: "ONE_WAY_EDIT", detail: expect.stringContaining("HubSpot") });
    expect(shown?.error?.explanation.length).toBeGreaterThan(0);
    expect((await item(ctx, widget.Id)).UnitPrice).toBe(12.5);

    // Reverted in HubSpot: in step again.
    await someoneElse.updateObject("products", link!.hubspotId!, { price: "12.5" });
    await eventually(async () => (await linkBy(org.orgId, "products", "hubspot", link!.hubspotId!))?.state === "synced", "the reverted product to be synced");

    // Edited in HubSpot again, then overwritten by the next QuickBooks edit: in step again.
    await someoneElse.updateObject("products", link!.hubspotId!, { price: "77", description: "Edited in HubSpot" });
    await eventually(async () => (await linkBy(org.orgId, "products", "hubspot", link!.hubspotId!))?.state === "failed", "the second out-of-step edit");
    await editItem(ctx, widget.Id, { UnitPrice: 15, Description: "A better widget" });
    const back = await eventually(async () => {
      const row = await linkBy(org.orgId, "products", "hubspot", link!.hubspotId!);
      return row?.state === "synced" ? row : undefined;
    }, "the QuickBooks edit to bring the product back in step");
    expect(back.errorCode).toBeNull();
    expect((await product(ctx.hubspot, link!.hubspotId!)).properties).toMatchObject({ price: "15", description: "A better widget", name: "Widget" });
  });

  it("sync to QuickBooks and both ways", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    await org.caller.sync.updateSettings({ object: "products", enabled: true, direction: "to_quickbooks" });
    await initialSyncDone(org.orgId, "products", 0);

    const gadget = await someoneElse.createObject("products", { name: "Gadget", hs_sku: "G-1", price: "20", description: "From HubSpot" });
    const created = await eventually(async () => {
      const row = await linkBy(org.orgId, "products", "hubspot", gadget.id);
      return row?.state === "synced" ? row : undefined;
    }, "the HubSpot product to reach QuickBooks");
    expect(await item(ctx, created.quickbooksId!)).toMatchObject({ Name: "Gadget", Sku: "G-1", UnitPrice: 20, Description: "From HubSpot" });
    await someoneElse.updateObject("products", gadget.id, { price: "21" });
    await eventually(async () => (await item(ctx, created.quickbooksId!)).UnitPrice === 21, "the HubSpot price edit to reach QuickBooks");

    await org.caller.sync.updateSettings({ object: "products", direction: "two_way" });
    await someoneElse.updateObject("products", gadget.id, { description: "Edited in HubSpot" });
    await eventually(async () => (await item(ctx, created.quickbooksId!)).Description === "Edited in HubSpot", "the two-way HubSpot edit");
    await editItem(ctx, created.quickbooksId!, { Name: "Gadget Pro", UnitPrice: 25 });
    await eventually(async () => {
      const p = await product(ctx.hubspot, gadget.id);
      return p.properties.name === "Gadget Pro" && Number(p.properties.price) === 25;
    }, "the two-way QuickBooks edit");
    const p = await product(ctx.hubspot, gadget.id);
    const q = await item(ctx, created.quickbooksId!);
    expect({ name: p.properties.name, sku: p.properties.hs_sku, price: Number(p.properties.price), description: p.properties.description }).toEqual({
      name: q.Name,
      sku: q.Sku,
      price: q.UnitPrice,
      description: q.Description,
    });
    expect((await linkBy(org.orgId, "products", "hubspot", gadget.id))?.state).toBe("synced");
  });
});

/** Leaves the id of a run on the org's contact sync, as an initial sync in progress (or one whose run ended without its finish step) does. */
const leaveInitialSyncRunId = (orgId: string, runId: string | null) =>
  db().update(syncConfigs).set({ initialSyncRunId: runId }).where(and(eq(syncConfigs.orgId, orgId), eq(syncConfigs.object, "contacts")));

const parkedOf = (orgId: string) => db().select().from(parkedChanges).where(eq(parkedChanges.orgId, orgId));

describe("an initial sync whose run ended without its last step", () => {
  it("parks changes while its run may still be on, and resumes them once the run is over", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const made = await newCustomer(ctx, "Ivy", "Stale", "ivy@stale.test");
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    await initialSyncDone(org.orgId, "contacts", 1);
    const run = await eventually(
      async () => (await listRuns(db(), { workflowId: "initial-sync", limit: 500 })).find((r) => r.event.data.orgId === org.orgId && r.status === "completed"),
      "the initial sync run to complete",
    );
    const change = { orgId: org.orgId, object: "contacts" as const, side: "quickbooks" as const, recordId: made.Id };
    const link = (await linkBy(org.orgId, "contacts", "quickbooks", made.Id))!;
    const hubspotFirstName = async () => contactPair(await contact(ctx.hubspot, link.hubspotId!), await customer(ctx, made.Id)).hubspot.firstName;

    // A run the runtime doesn't show as over (here: unknown to it) is taken as still running: the change is parked.
    await leaveInitialSyncRunId(org.orgId, randomUUID());
    await editCustomer(ctx, made.Id, { GivenName: "Ivy-Edited" });
    expect((await syncRecord(db(), change)).status).toBe("parked");
    expect(await resumeParkedChanges(db(), org.orgId)).toBe(0);
    expect(await hubspotFirstName()).toBe("Ivy");

    // The run is over (as when the runtime failed it without its finish step): its id is cleared and
    // the parked change (with the notification's and the poll's, parked alike) runs once, as reconciliation resumes it.
    await leaveInitialSyncRunId(org.orgId, run.id);
    await resumeParkedChanges(db(), org.orgId);
    expect((await loadSyncConfig(db(), org.orgId, "contacts")).initialSyncRunId).toBeNull();
    await eventually(async () => (await hubspotFirstName()) === "Ivy-Edited", "the parked change to reach HubSpot");
    expect(await parkedOf(org.orgId)).toEqual([]);
  });
});

describe("changes parked during an initial sync", () => {
  it("resume after it as one run per record, but those it synced itself at the version noticed or a later one", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const ann = await newCustomer(ctx, "Ann", "Parked", "ann@parked.test");
    const ben = await newCustomer(ctx, "Ben", "Parked", "ben@parked.test");
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    await initialSyncDone(org.orgId, "contacts", 2);
    // Its run resumes what was parked after its finish step: faked as running before that, the
    // changes parked below would be taken by that resume.
    await initialSyncRunCompleted(org.orgId, "contacts");
    const annLink = (await linkBy(org.orgId, "contacts", "quickbooks", ann.Id))!;
    const benLink = (await linkBy(org.orgId, "contacts", "quickbooks", ben.Id))!;
    const change = (recordId: string, version?: string) => ({ orgId: org.orgId, object: "contacts" as const, side: "quickbooks" as const, recordId, version });

    await leaveInitialSyncRunId(org.orgId, randomUUID());
    // Ann as the initial sync read her (the poll saw her before her page came); Ben edited, noticed twice.
    expect(await parkDuringInitialSyncs(db(), org.orgId, [change(ann.Id, seenVersion(annLink, "quickbooks")!)])).toEqual([]);
    // Her HubSpot contact as it was before the initial sync wrote it: older than what it synced.
    expect(await parkDuringInitialSyncs(db(), org.orgId, [{ ...change(annLink.hubspotId!, "2020-01-01T00:00:00.000Z"), side: "hubspot" as const }])).toEqual([]);
    const edited = await editCustomer(ctx, ben.Id, { FamilyName: "Edited-While-Running" });
    expect(await parkDuringInitialSyncs(db(), org.orgId, [change(ben.Id, edited.SyncToken)])).toEqual([]);
    expect((await syncRecord(db(), change(ben.Id))).status).toBe("parked");
    expect((await contact(ctx.hubspot, benLink.hubspotId!)).properties.lastname).toBe("Parked");

    const parked = await parkedOf(org.orgId);
    const annRow = parked.find((row) => row.recordId === ann.Id)!;
    expect(parked.filter((row) => row.recordId === ben.Id).map((row) => row.version).sort()).toEqual([edited.SyncToken, null].sort());

    await leaveInitialSyncRunId(org.orgId, null);
    await resumeParkedChanges(db(), org.orgId);
    expect(await parkedOf(org.orgId)).toEqual([]);
    // Whoever resumed them (the poll may have too): a run for Ben, once, and none for Ann.
    const resumed = await db().select().from(events).where(inArray(events.externalId, parked.map((row) => `parked:${row.id}`)));
    expect(resumed.map((event) => (event.data as { recordId: string }).recordId)).toEqual([ben.Id]);
    expect(resumed.map((event) => event.externalId)).not.toContain(`parked:${annRow.id}`);
    await eventually(async () => (await contact(ctx.hubspot, benLink.hubspotId!)).properties.lastname === "Edited-While-Running", "Ben's parked edit to reach HubSpot");
    const annPair = contactPair(await contact(ctx.hubspot, annLink.hubspotId!), await customer(ctx, ann.Id));
    expect(annPair.hubspot).toEqual(annPair.quickbooks);
    // Once no initial sync runs, what the poll or reconciliation finds goes on at once.
    expect(await parkDuringInitialSyncs(db(), org.orgId, [change(ann.Id, "another")])).toEqual([change(ann.Id, "another")]);
  });
});
