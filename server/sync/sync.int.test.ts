import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileRequested } from "../../inngest/events";
import { db } from "../db/client";
import { recordLinks, syncActivity, webhookInbox } from "../db/schema";
import type { HubSpotObject } from "../providers/hubspot/types";
import type { QboCustomer, QboItem } from "../providers/quickbooks/types";
import { listRuns, sendEvents } from "../runtime";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack } from "../testing/stack";
import { createTestDatabase } from "../testing/database";
import { ensureLink } from "./links";
import { createSyncContext } from "./org-context";
import { loadObjectEnv } from "./engine/object-env";
import { syncOne } from "./engine/sync-one";
import { inboxCount, notificationsProcessed } from "./engine/testing";
import type { SyncContext } from "./context";
import { hubspotSignatureV3 } from "../webhooks/signatures";
import { entityNotification, postQuickBooksNotification as postNotification } from "../testing/quickbooks-webhook";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

/** A signed QuickBooks webhook POST to Tandem, as Intuit sends it; answers the intake's counts. */
const postQuickBooksNotification = (payload: unknown) => postNotification(stack, payload);

/** One QuickBooks entity notification for the company. */
const customerNotification = (realmId: string, id: string, operation: "Create" | "Update", lastUpdated: string) =>
  entityNotification(realmId, "Customer", id, operation, lastUpdated);

async function links(orgId: string, object: "contacts" | "products") {
  return db()
    .select()
    .from(recordLinks)
    .where(and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, object)));
}

async function newCustomer(ctx: SyncContext, name: string, email: string | null, extra: Partial<QboCustomer> = {}) {
  return ctx.quickbooks.create<QboCustomer>(
    "Customer",
    { DisplayName: name, GivenName: name.split(" ")[0], FamilyName: name.split(" ")[1], ...(email ? { PrimaryEmailAddr: { Address: email } } : {}), ...extra },
    `seed-${name}-${Math.random()}`,
  );
}

async function contactsByEmail(ctx: SyncContext): Promise<Map<string, HubSpotObject[]>> {
  const all = await ctx.hubspot.listAll("contacts", ["email", "firstname", "lastname", "phone", "company"]);
  const map = new Map<string, HubSpotObject[]>();
  for (const c of all) {
    const email = c.properties.email?.toLowerCase() ?? "";
    map.set(email, [...(map.get(email) ?? []), c]);
  }
  return map;
}

describe("initial product sync", () => {
  it("links items to products by SKU, creates the missing ones, leaves SKU-less items out, and never duplicates", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    const items: QboItem[] = [];
    for (const [name, sku] of [["Widget", "W-1"], ["Gadget", "G-1"], ["Gizmo", "GZ-1"], ["Consulting", null]] as const) {
      const item = { Name: name, Type: "Service", UnitPrice: 10, IncomeAccountRef: { value: income!.Id }, ...(sku ? { Sku: sku } : {}) };
      items.push(await ctx.quickbooks.create<QboItem>("Item", item, `seed-${name}`));
    }
    const existing = await ctx.hubspot.createObject("products", { name: "Widget (HubSpot)", hs_sku: "w-1", price: "9" });

    await org.caller.sync.updateSettings({ object: "products", enabled: true });
    const synced = await eventually(async () => {
      const rows = await links(org.orgId, "products");
      return rows.length === 4 && rows.every((r) => r.state !== "pending") ? rows : undefined;
    }, "the initial product sync");

    expect(synced.filter((r) => r.state === "synced")).toHaveLength(3);
    const excluded = synced.find((r) => r.state === "excluded")!;
    expect(excluded.quickbooksId).toBe(items[3]!.Id);
    expect(excluded.excludedReason).toMatch(/No SKU/);
    expect(synced.find((r) => r.quickbooksId === items[0]!.Id)?.hubspotId).toBe(existing.id);

    const products = await ctx.hubspot.listAll("products", ["name", "hs_sku", "price"]);
    expect(products).toHaveLength(3);
    expect(products.find((p) => p.id === existing.id)?.properties).toMatchObject({ name: "Widget", price: "10" });

    // Switching it off and on again re-runs the initial sync: it links, never duplicates.
    await org.caller.sync.updateSettings({ object: "products", enabled: false });
    await org.caller.sync.updateSettings({ object: "products", enabled: true });
    await eventually(
      async () => (await listRuns(db(), { workflowId: "initial-sync", status: "completed" })).length >= 2,
      "the second initial sync",
    );
    expect(await ctx.hubspot.listAll("products", ["name"])).toHaveLength(3);
  });
});

describe("one QuickBooks company connected by two orgs", () => {
  it("hands each notification to both orgs", async () => {
    const first = await connectNewOrg(stack);
    const second = await connectNewOrg(stack, { shareWith: first });
    expect(await postQuickBooksNotification(customerNotification(first.realmId, "1", "Update", "2026-11-23T12:00:00-0800"))).toMatchObject({ stored: 2, duplicates: 0 });
    const stored = (await db().select().from(webhookInbox).where(eq(webhookInbox.recordId, "1"))).filter(
      (row) => (row.payload as { realmId?: string }).realmId === first.realmId,
    );
    expect(stored).toHaveLength(2);
    const orgsReached = await Promise.all(
      stored.map(async (row) => (await db().query.connections.findFirst({ where: (c, { eq: same }) => same(c.id, row.connectionId) }))!.orgId),
    );
    expect(new Set(orgsReached)).toEqual(new Set([first.orgId, second.orgId]));
  });
});

describe("records that match the same counterpart", () => {
  it("syncs the first and fails the others with an explanation, and the initial sync still completes", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const first = await newCustomer(ctx, "Eve Stone", "shared@example.test");
    const second = await newCustomer(ctx, "Eve Stone Ltd", "Shared@Example.test");
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    const settled = await eventually(async () => {
      const rows = await links(org.orgId, "contacts");
      return rows.length === 2 && rows.every((r) => r.state !== "pending") ? rows : undefined;
    }, "the initial contact sync");
    expect(settled.find((r) => r.quickbooksId === first.Id)?.state).toBe("synced");
    expect(settled.find((r) => r.quickbooksId === second.Id)).toMatchObject({ state: "failed", errorCode: "DUPLICATE_MATCH" });
    expect((await contactsByEmail(ctx)).get("shared@example.test")).toHaveLength(1);

    // A later change to the duplicate still refuses to overwrite the first one's contact.
    const inboxBefore = await inboxCount("quickbooks", second.Id);
    const editedAt = new Date();
    const current = await ctx.quickbooks.get<QboCustomer>("Customer", second.Id);
    await ctx.quickbooks.update("Customer", { Id: current.Id, SyncToken: current.SyncToken, FamilyName: "Changed" }, `edit-${Math.random()}`);
    // Its notification processed: a run that read the changed customer has ended.
    await notificationsProcessed("quickbooks", second.Id, inboxBefore + 1);
    const activity = await db().select().from(syncActivity).where(eq(syncActivity.linkId, settled.find((r) => r.quickbooksId === second.Id)!.id));
    expect(activity.some((a) => a.errorCode === "DUPLICATE_MATCH" && a.at >= editedAt)).toBe(true);
    expect((await contactsByEmail(ctx)).get("shared@example.test")![0]!.properties.lastname).toBe("Stone");
  });
});

describe("the Create notification of a customer Tandem already knows", () => {
  it("is an echo (the sync writing that link has the customer as created), while a QuickBooks customer's pending link still gets its run", async () => {
    // An org whose contacts sync is off: nothing but this test touches its links.
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const made = await newCustomer(ctx, "Una Made", "una@example.test");
    const ownLink = await ensureLink(db(), org.orgId, "contacts", "hubspot", "hs-una", "Una Made");
    await db().update(recordLinks).set({ quickbooksId: made.Id }).where(eq(recordLinks.id, ownLink.id));
    const theirs = await newCustomer(ctx, "Quinn Theirs", "quinn@example.test");
    await ensureLink(db(), org.orgId, "contacts", "quickbooks", theirs.Id, "Quinn Theirs");
    const send = (id: string) => postQuickBooksNotification(customerNotification(org.realmId, id, "Create", "2026-11-23T09:30:00-0800"));
    expect(await send(made.Id)).toMatchObject({ stored: 0, ownWrites: 1 });
    expect(await send(theirs.Id)).toMatchObject({ stored: 1, ownWrites: 0 });
  });

  it("is no change for a QuickBooks customer whose link is synced (Tandem read it after it was made), while its Update is", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const synced = await newCustomer(ctx, "Sid Synced", "sid@example.test");
    const link = await ensureLink(db(), org.orgId, "contacts", "quickbooks", synced.Id, "Sid Synced");
    await db().update(recordLinks).set({ hubspotId: "hs-sid", state: "synced" }).where(eq(recordLinks.id, link.id));
    const notify = (operation: "Create" | "Update") => postQuickBooksNotification(customerNotification(org.realmId, synced.Id, operation, "2026-11-23T10:15:00-0800"));
    expect(await notify("Create")).toMatchObject({ stored: 0, ownWrites: 1 });
    expect(await notify("Update")).toMatchObject({ stored: 1, ownWrites: 0 });
  });
});

describe("contact sync", () => {
  let org: Awaited<ReturnType<typeof connectNewOrg>>;
  let ctx: SyncContext;
  let ann: QboCustomer;

  beforeAll(async () => {
    org = await connectNewOrg(stack);
    ctx = await createSyncContext(db(), org.orgId);
    ann = await newCustomer(ctx, "Ann Lee", "Ann.Lee@example.test", { PrimaryPhone: { FreeFormNumber: "555-0100" } });
    await newCustomer(ctx, "Bob Ray", "bob@example.test");
    await newCustomer(ctx, "No Email", null);
    await ctx.hubspot.createObject("contacts", { email: "ann.lee@example.test", firstname: "Annie", company: "Lee & Co" });
  });

  it("links existing contacts by email (any case) and creates the missing ones", async () => {
    // HubSpot refuses a whole batch create when one email is taken: Tandem creates first and looks
    // the emails up only for the refused batch, then writes it again (linking Ann, creating Bob).
    const batchCalls: string[] = [];
    const listener = (prefix: string, request: Request) => {
      const path = new URL(request.url).pathname;
      if (prefix === "/sandbox/hubspot/api" && path.includes("/crm/v3/objects/contacts/batch/")) batchCalls.push(path.replace(/^.*\/batch\//, ""));
    };
    stack.requestListeners.add(listener);
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true });
    await eventually(async () => {
      const rows = await links(org.orgId, "contacts");
      return rows.length === 3 && rows.every((r) => r.state !== "pending");
    }, "the initial contact sync");
    stack.requestListeners.delete(listener);
    expect(batchCalls.slice(0, 3)).toEqual(["create", "read", "create"]);
    const byEmail = await contactsByEmail(ctx);
    expect(byEmail.get("ann.lee@example.test")).toHaveLength(1);
    expect(byEmail.get("bob@example.test")).toHaveLength(1);
    // QuickBooks data wins where it has a value; HubSpot keeps what QuickBooks lacks.
    expect(byEmail.get("ann.lee@example.test")![0]!.properties).toMatchObject({ firstname: "Ann", lastname: "Lee", phone: "555-0100", company: "Lee & Co" });
    const overview = await org.caller.sync.overview();
    expect(overview.find((o) => o.object === "contacts")?.counts).toMatchObject({ synced: 2, excluded: 1, failed: 0 });
  });

  it("brings a customer changed in QuickBooks to HubSpot through the webhook", async () => {
    const current = await ctx.quickbooks.get<QboCustomer>("Customer", ann.Id);
    await ctx.quickbooks.update("Customer", { Id: current.Id, SyncToken: current.SyncToken, PrimaryPhone: { FreeFormNumber: "555-0199" } }, `edit-${Math.random()}`);
    const contact = await eventually(async () => {
      const found = (await contactsByEmail(ctx)).get("ann.lee@example.test")?.[0];
      return found?.properties.phone === "555-0199" ? found : undefined;
    }, "the phone change to reach HubSpot");
    expect(contact.properties.firstname).toBe("Ann");
    const inbox = await db().select().from(webhookInbox).where(eq(webhookInbox.provider, "quickbooks"));
    expect(inbox.length).toBeGreaterThan(0);
  });

  it("still brings the change when webhooks are dropped (CDC poll, reconciliation)", async () => {
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
    const current = await ctx.quickbooks.get<QboCustomer>("Customer", ann.Id);
    await ctx.quickbooks.update("Customer", { Id: current.Id, SyncToken: current.SyncToken, FamilyName: "Lee-Park" }, `edit-${Math.random()}`);
    // No webhook comes: the change arrives through the CDC poll or, at the latest, reconciliation.
    await sendEvents(reconcileRequested.create({ orgId: org.orgId }));
    await eventually(async () => (await contactsByEmail(ctx)).get("ann.lee@example.test")?.[0]?.properties.lastname === "Lee-Park", "reconciliation");
  });

  it("refuses forged and replayed HubSpot webhooks with 401 and stores nothing", async () => {
    const before = (await db().select().from(webhookInbox)).length;
    const body = JSON.stringify([{ eventId: 999, portalId: Number(org.hubspotPortalId), subscriptionType: "object.propertyChange", objectId: 1, objectTypeId: "0-1" }]);
    const uri = `${stack.origin}/api/webhooks/hubspot`;
    const post = (headers: Record<string, string>) => fetch(uri, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

    expect((await post({})).status).toBe(401);
    const now = String(Date.now());
    expect((await post({ "x-hubspot-signature-v3": hubspotSignatureV3("wrong-secret", "POST", uri, body, now), "x-hubspot-request-timestamp": now })).status).toBe(401);
    const old = String(Date.now() - 10 * 60_000);
    const replayed = hubspotSignatureV3(stack.hubspotApp.clientSecret, "POST", uri, body, old);
    expect((await post({ "x-hubspot-signature-v3": replayed, "x-hubspot-request-timestamp": old })).status).toBe(401);
    const forgedQbo = await fetch(`${stack.origin}/api/webhooks/quickbooks`, { method: "POST", headers: { "intuit-signature": "bm9wZQ==" }, body: "{}" });
    expect(forgedQbo.status).toBe(401);
    expect((await db().select().from(webhookInbox)).length).toBe(before);
  });

  it("handles duplicated and reordered notifications without extra writes", async () => {
    const link = (await links(org.orgId, "contacts")).find((l) => l.quickbooksId === ann.Id)!;
    const activityBefore = await db().select().from(syncActivity).where(eq(syncActivity.linkId, link.id));
    const event = (id: string, lastUpdated: string) => ({
      eventNotifications: [{ realmId: org.realmId, dataChangeEvent: { entities: [{ name: "Customer", id: ann.Id, operation: "Update", lastUpdated, extra: id }] } }],
    });
    const send = postQuickBooksNotification;
    const newer = event("b", "2026-11-23T12:00:05-0800");
    const older = event("a", "2026-11-23T12:00:01-0800");
    expect(await send(newer)).toMatchObject({ stored: 1 });
    expect(await send(newer)).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await send(older)).toMatchObject({ stored: 1 });
    await eventually(async () => {
      const pending = await db().select().from(webhookInbox).where(eq(webhookInbox.provider, "quickbooks"));
      return pending.every((row) => row.processedAt !== null);
    }, "the notifications to be processed");
    const activityAfter = await db().select().from(syncActivity).where(eq(syncActivity.linkId, link.id));
    expect(activityAfter.length).toBe(activityBefore.length);
    expect((await contactsByEmail(ctx)).get("ann.lee@example.test")).toHaveLength(1);
  });

  it("creates customers for new HubSpot contacts in two-way mode, and explains a duplicate display name", async () => {
    await org.caller.sync.updateSettings({ object: "contacts", direction: "two_way" });
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    await newCustomer(ctx, "Cara Diaz", "cara.other@example.test");
    const cara = await someoneElse.createObject("contacts", { email: "cara@example.test", firstname: "Cara", lastname: "Diaz" });
    const failed = await eventually(async () => {
      const row = (await links(org.orgId, "contacts")).find((l) => l.hubspotId === cara.id);
      return row?.state === "failed" ? row : undefined;
    }, "the duplicate name failure");
    expect(failed.errorCode).toBe("DUPLICATE_DISPLAY_NAME");
    const { items: records } = await org.caller.sync.records({ object: "contacts", state: "failed" });
    expect(records[0]?.error).toMatchObject({ code: "DUPLICATE_DISPLAY_NAME", category: "Duplicate name" });

    await org.caller.sync.updateSettings({ object: "contacts", displayNameSuffix: true });
    const dan = await someoneElse.createObject("contacts", { email: "dan@example.test", firstname: "Dan", lastname: "Wu", company: "Wu Studio" });
    const linked = await eventually(async () => {
      const row = (await links(org.orgId, "contacts")).find((l) => l.hubspotId === dan.id);
      return row?.state === "synced" ? row : undefined;
    }, "the new customer");
    const customer = await ctx.quickbooks.get<QboCustomer>("Customer", linked.quickbooksId!);
    expect(customer.DisplayName).toBe("Wu Studio");
    expect(customer.PrimaryEmailAddr?.Address).toBe("dan@example.test");
  });

  it("takes the Create notification of a customer Tandem made as its own echo, without a run; an Update of it, or a Create of a customer made in QuickBooks, syncs", async () => {
    await org.caller.sync.updateSettings({ object: "contacts", direction: "two_way" });
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    const eve = await someoneElse.createObject("contacts", { email: "eve.echo@example.test", firstname: "Eve", lastname: "Echo" });
    const made = await eventually(async () => {
      const row = (await links(org.orgId, "contacts")).find((l) => l.hubspotId === eve.id);
      return row?.state === "synced" ? row : undefined;
    }, "the customer Tandem creates for the contact");
    const send = (id: string, operation: "Create" | "Update", lastUpdated: string) => postQuickBooksNotification(customerNotification(org.realmId, id, operation, lastUpdated));
    const runsFor = async (id: string) =>
      (await listRuns(db(), { workflowId: "sync-record", limit: 1000 })).filter((r) => r.event.data.side === "quickbooks" && r.event.data.recordId === id);
    const before = (await runsFor(made.quickbooksId!)).length;

    expect(await send(made.quickbooksId!, "Create", "2026-11-23T09:00:00-0800")).toMatchObject({ stored: 0, ownWrites: 1 });
    const echo = await db().select().from(webhookInbox).where(and(eq(webhookInbox.provider, "quickbooks"), eq(webhookInbox.recordId, made.quickbooksId!)));
    expect(echo.filter((row) => (row.payload as { lastUpdated?: string }).lastUpdated === "2026-11-23T09:00:00-0800").map((row) => row.processedAt !== null)).toEqual([true]);
    expect((await runsFor(made.quickbooksId!)).length).toBe(before);

    // An edit in QuickBooks of that customer is an Update: it is read and synced.
    const current = await ctx.quickbooks.get<QboCustomer>("Customer", made.quickbooksId!);
    await ctx.quickbooks.update<QboCustomer>("Customer", { Id: current.Id, SyncToken: current.SyncToken, FamilyName: "Edited" }, `echo-edit-${Math.random()}`);
    expect(await send(made.quickbooksId!, "Update", "2026-11-23T09:00:05-0800")).toMatchObject({ stored: 1, ownWrites: 0 });
    await eventually(async () => (await ctx.hubspot.getObject("contacts", eve.id, ["lastname"])).properties.lastname === "Edited", "the QuickBooks edit to reach HubSpot");
    expect((await runsFor(made.quickbooksId!)).length).toBeGreaterThan(before);

    // A customer someone made in QuickBooks: its Create is a change to sync.
    const fay = await newCustomer(ctx, "Fay Made", "fay.made@example.test");
    expect(await send(fay.Id, "Create", "2026-11-23T09:00:09-0800")).toMatchObject({ stored: 1, ownWrites: 0 });
    await eventually(async () => (await contactsByEmail(ctx)).get("fay.made@example.test")?.length === 1, "the QuickBooks customer to reach HubSpot");
  });

  it("joins a new contact to the link its customer already has instead of claiming the customer twice", async () => {
    const gina = await newCustomer(ctx, "Gina Holt", "gina@example.test");
    const pendingLink = await ensureLink(db(), org.orgId, "contacts", "quickbooks", gina.Id, "Gina Holt");
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    const contact = await someoneElse.createObject("contacts", { email: "gina@example.test", firstname: "Gina", lastname: "Holt" });
    // As the workflows run it (the webhook for this contact is on its way too).
    await syncOne(await loadObjectEnv(db(), org.orgId, "contacts"), "hubspot", contact.id);
    const rows = (await links(org.orgId, "contacts")).filter((l) => l.quickbooksId === gina.Id || l.hubspotId === contact.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: pendingLink.id, hubspotId: contact.id, quickbooksId: gina.Id, state: "synced" });
  });

  it("can read a change window with paged queries, as reconciliation does past the CDC cap", async () => {
    const since = new Date(Date.now() - 60 * 60_000).toISOString();
    const customers = await ctx.quickbooks.queryAll<QboCustomer>("Customer", `MetaData.LastUpdatedTime >= '${since}'`, "MetaData.LastUpdatedTime");
    expect(customers.length).toBeGreaterThanOrEqual(4);
    const times = customers.map((c) => Date.parse(c.MetaData!.LastUpdatedTime));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("finds a HubSpot edit whose webhook was lost on the next reconciliation", async () => {
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    const bobLink = (await links(org.orgId, "contacts")).find((l) => l.label === "Bob Ray")!;
    await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, { webhookDropRate: 1 });
    await someoneElse.updateObject("contacts", bobLink.hubspotId!, { phone: "555-0142" });
    await sendEvents(reconcileRequested.create({ orgId: org.orgId }));
    await eventually(async () => {
      const customer = await ctx.quickbooks.get<QboCustomer>("Customer", bobLink.quickbooksId!);
      return customer.PrimaryPhone?.FreeFormNumber === "555-0142";
    }, "the HubSpot edit to reach QuickBooks through reconciliation");
  });
});
