/**
 * The sync status procedures through the sandboxes over HTTP: the record list (filters, sorts,
 * keyset pages), one record with its activity, an invoice's panel, retry / retry all / resync
 * (admins only, own org only) and the pre-flight checks over the QuickBooks company.
 */
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { memberships, recordLinks, syncActivity } from "../../../db/schema";
import type { HubSpotClient } from "../../../providers/hubspot/client";
import type { QboCustomer, QboEntityName, QboItem } from "../../../providers/quickbooks/types";
import { recordChanged } from "../../../../inngest/events";
import { sendEvents } from "../../../runtime";
import { events } from "../../../runtime/embedded/schema";
import type { SyncContext } from "../../../sync/context";
import { editCustomer, initialSyncDone, linkBy, newCustomer, product } from "../../../sync/engine/testing";
import { createSyncContext } from "../../../sync/org-context";
import { callerFor, signUpOrg } from "../../../testing/accounts";
import { createTestDatabase } from "../../../testing/database";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack } from "../../../testing/stack";
import { trpcErrorOf } from "../../../testing/trpc-errors";

let stack: Stack;
let org: Awaited<ReturnType<typeof connectNewOrg>>;
let ctx: SyncContext;
let someoneElse: HubSpotClient;

beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
  org = await connectNewOrg(stack);
  ctx = await createSyncContext(db(), org.orgId);
  someoneElse = await hubspotAsSomeoneElse(stack, org);
}, 120_000);
afterAll(() => stack?.stop());

/** A second user who joins `orgId` as a member (views, changes nothing). */
async function memberOf(orgId: string) {
  const other = await signUpOrg(db(), "Member's own org");
  await db().insert(memberships).values({ orgId, userId: other.userId, role: "member" });
  return callerFor(db(), other.userId, orgId);
}

async function failedContact(given: string, family: string) {
  // The QuickBooks customer already uses the name the HubSpot contact would get.
  const clashing = await newCustomer(ctx, given, family, `${given.toLowerCase()}.other@example.test`);
  const contact = await someoneElse.createObject("contacts", { email: `${given.toLowerCase()}@example.test`, firstname: given, lastname: family });
  const link = await eventually(async () => {
    const row = await linkBy(org.orgId, "contacts", "hubspot", contact.id);
    return row?.state === "failed" ? row : undefined;
  }, `${given}'s duplicate name failure`);
  expect(link.errorCode).toBe("DUPLICATE_DISPLAY_NAME");
  return { clashing, contact, link };
}

describe("retry, retry all and the record's activity", () => {
  let cara: Awaited<ReturnType<typeof failedContact>>;

  beforeAll(async () => {
    await org.caller.sync.updateSettings({ object: "contacts", enabled: true, direction: "two_way" });
    await initialSyncDone(org.orgId, "contacts", 0);
    cara = await failedContact("Cara", "Diaz");
  }, 60_000);

  it("list a failed record with its error from the catalogue and the sandbox pages of both sides", async () => {
    const { items } = await org.caller.sync.records({ object: "contacts", state: "failed", errorCode: "DUPLICATE_DISPLAY_NAME" });
    const shown = items.find((r) => r.id === cara.link.id);
    expect(shown).toMatchObject({
      object: "contacts",
      state: "failed",
      hubspotId: cara.contact.id,
      quickbooksId: null,
      origin: "hubspot",
      error: { code: "DUPLICATE_DISPLAY_NAME", category: "Duplicate name", retryable: false, fix: expect.stringContaining("Rename") },
      urls: { hubspot: `${stack.origin}/sandbox/hubspot/${org.hubspotPortalId}/contacts/${cara.contact.id}`, quickbooks: null },
    });
    const contacts = (await org.caller.sync.overview()).find((o) => o.object === "contacts")!;
    expect(contacts.counts.failed).toBeGreaterThanOrEqual(1);
    expect(contacts.failedByCode).toContainEqual(expect.objectContaining({ code: "DUPLICATE_DISPLAY_NAME", category: "Duplicate name" }));
    expect((await org.caller.sync.overview()).map((o) => o.object)).toEqual(["contacts", "products", "invoices", "payments"]);
  });

  it("are refused to members (FORBIDDEN) and to other orgs (NOT_FOUND), which see none of the records", async () => {
    const member = await memberOf(org.orgId);
    // A member sees the records …
    expect((await member.sync.records({ object: "contacts" })).items.map((r) => r.id)).toContain(cara.link.id);
    await expect(member.sync.record({ id: cara.link.id })).resolves.toMatchObject({ id: cara.link.id });
    // … but can't act on them.
    for (const call of [
      () => member.sync.retry({ id: cara.link.id }),
      () => member.sync.resync({ id: cara.link.id }),
      () => member.sync.retryAll({ errorCode: "DUPLICATE_DISPLAY_NAME" }),
    ]) {
      expect((await trpcErrorOf(call())).code).toBe("FORBIDDEN");
    }

    const other = await connectNewOrg(stack);
    expect((await other.caller.sync.records({})).items).toEqual([]);
    expect((await other.caller.sync.records({ text: cara.contact.id })).items).toEqual([]);
    for (const call of [
      () => other.caller.sync.record({ id: cara.link.id }),
      () => other.caller.sync.retry({ id: cara.link.id }),
      () => other.caller.sync.resync({ id: cara.link.id }),
      () => other.caller.sync.invoiceStatus({ side: "hubspot", id: cara.contact.id }),
    ]) {
      expect((await trpcErrorOf(call())).code).toBe("NOT_FOUND");
    }
    await expect(other.caller.sync.retryAll({ errorCode: "DUPLICATE_DISPLAY_NAME" })).resolves.toMatchObject({ queued: 0, batchId: null });
    expect((await db().select().from(recordLinks).where(eq(recordLinks.id, cara.link.id)))[0]?.state).toBe("failed");
  });

  it("retry a failed record once its cause is fixed: it syncs, and its activity shows the failure and the create", async () => {
    await editCustomer(ctx, cara.clashing.Id, { DisplayName: "Cara Diaz (old account)" });
    const before = new Date();
    const first = await org.caller.sync.retry({ id: cara.link.id });
    const second = await org.caller.sync.retry({ id: cara.link.id });
    expect(first).toEqual({ queued: 1, linkId: cara.link.id, side: "hubspot", recordId: cara.contact.id, queuedAt: expect.any(Date) });
    expect(first.queuedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect({ ...second, queuedAt: first.queuedAt }).toEqual(first);
    // A double click queues one run: both sends carried the same event id.
    const sent = await db().select().from(events).where(like(events.externalId, `tandem-retry:${cara.link.id}:%`));
    expect(sent).toHaveLength(1);

    const synced = await eventually(async () => {
      const row = await linkBy(org.orgId, "contacts", "hubspot", cara.contact.id);
      return row?.state === "synced" ? row : undefined;
    }, "the retried contact to sync", 45_000).catch(async (e) => {
      console.log("retry diagnostics", await linkBy(org.orgId, "contacts", "hubspot", cara.contact.id), JSON.stringify((await org.caller.sync.record({ id: cara.link.id })).activity, null, 1), JSON.stringify(await db().select().from(events).where(like(events.externalId, `tandem-retry:%`))));
      const { runs } = await import("../../../runtime/embedded/schema");
      console.log(JSON.stringify((await db().select().from(runs)).filter((r) => JSON.stringify(r).includes(cara.contact.id)), null, 1));
      throw e;
    });
    expect(synced.quickbooksId).not.toBeNull();
    const customer = await ctx.quickbooks.get<QboCustomer>("Customer", synced.quickbooksId!);
    expect(customer.DisplayName).toBe("Cara Diaz");

    const detail = await org.caller.sync.record({ id: cara.link.id });
    expect(detail).toMatchObject({
      state: "synced",
      error: null,
      urls: {
        hubspot: `${stack.origin}/sandbox/hubspot/${org.hubspotPortalId}/contacts/${cara.contact.id}`,
        quickbooks: `${stack.origin}/sandbox/quickbooks/companies/${org.realmId}/customers/${synced.quickbooksId}`,
      },
      parent: null,
      children: [],
    });
    const [latest] = detail.activity;
    expect(latest).toMatchObject({ action: "created", target: "quickbooks", direction: "to_quickbooks", directionLabel: "HubSpot → QuickBooks" });
    expect(latest!.changes).toContainEqual(expect.objectContaining({ field: "lastName", before: null, after: "Diaz" }));
    const failure = detail.activity.find((a) => a.action === "failed");
    expect(failure?.error).toMatchObject({ code: "DUPLICATE_DISPLAY_NAME", category: "Duplicate name" });
    const times = detail.activity.map((a) => a.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("retry every failed record of an error code, and only those, and tell how each ended", async () => {
    const dora = await failedContact("Dora", "Ely");
    const emil = await failedContact("Emil", "Fox");
    expect(await org.caller.sync.retryAll({ errorCode: "CLOSED_PERIOD" })).toMatchObject({ queued: 0, batchId: null });
    expect(await org.caller.sync.retryAll({ errorCode: "DUPLICATE_DISPLAY_NAME", object: "products" })).toMatchObject({ queued: 0, batchId: null });
    // Only Dora's clash is fixed: her retry syncs, Emil's fails again, and the batch says which.
    await editCustomer(ctx, dora.clashing.Id, { DisplayName: `${dora.clashing.DisplayName} (old)` });
    const first = await org.caller.sync.retryAll({ errorCode: "DUPLICATE_DISPLAY_NAME", object: "contacts" });
    expect(first).toEqual({ queued: 2, batchId: expect.any(String), queuedAt: expect.any(Date) });
    const firstOutcome = await eventually(async () => {
      const outcome = await org.caller.sync.batchOutcome({ id: first.batchId! });
      return outcome.waiting === 0 ? outcome : undefined;
    }, "the first retry-all to run");
    expect(firstOutcome).toEqual({
      total: 2,
      waiting: 0,
      synced: 1,
      failed: 1,
      excluded: 0,
      failures: [{ id: emil.link.id, label: "Emil Fox", error: expect.objectContaining({ code: "DUPLICATE_DISPLAY_NAME", category: "Duplicate name" }) }],
    });
    expect((await linkBy(org.orgId, "contacts", "hubspot", dora.contact.id))?.state).toBe("synced");

    await editCustomer(ctx, emil.clashing.Id, { DisplayName: `${emil.clashing.DisplayName} (old)` });
    const second = await org.caller.sync.retryAll({ errorCode: "DUPLICATE_DISPLAY_NAME", object: "contacts" });
    expect(second.queued).toBe(1);
    const secondOutcome = await eventually(async () => {
      const outcome = await org.caller.sync.batchOutcome({ id: second.batchId! });
      return outcome.waiting === 0 ? outcome : undefined;
    }, "the second retry-all to run");
    expect(secondOutcome).toEqual({ total: 1, waiting: 0, synced: 1, failed: 0, excluded: 0, failures: [] });
    expect((await linkBy(org.orgId, "contacts", "hubspot", emil.contact.id))?.state).toBe("synced");
    expect((await org.caller.sync.records({ object: "contacts", state: "failed" })).items).toEqual([]);
    expect((await org.caller.sync.overview()).find((o) => o.object === "contacts")!.failedByCode).toEqual([]);
    // Another org can't read the batch.
    const other = await connectNewOrg(stack);
    expect((await trpcErrorOf(other.caller.sync.batchOutcome({ id: second.batchId! }))).code).toBe("NOT_FOUND");
  });

  it("retry only failed records", async () => {
    expect((await trpcErrorOf(org.caller.sync.retry({ id: cara.link.id }))).code).toBe("PRECONDITION_FAILED");
  });
});

describe("resync", () => {
  it("re-applies the sending side over an edit made on the receiving side of a one-way sync", async () => {
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    const widget = await ctx.quickbooks.create<QboItem>(
      "Item",
      { Name: "Resync Widget", Sku: "RW-1", Type: "Service", UnitPrice: 10, IncomeAccountRef: { value: income!.Id } },
      "seed-resync-widget",
    );
    await org.caller.sync.updateSettings({ object: "products", enabled: true });
    const [link] = await initialSyncDone(org.orgId, "products", 1);
    expect(link).toMatchObject({ state: "synced" });

    // Someone changes the price in HubSpot, which this QuickBooks → HubSpot sync doesn't copy from.
    await someoneElse.updateObject("products", link!.hubspotId!, { price: "99" });
    await eventually(async () => (await linkBy(org.orgId, "products", "quickbooks", widget.Id))?.state === "failed", "the edit to be out of step", 45_000);
    expect(Number((await product(ctx.hubspot, link!.hubspotId!)).properties.price)).toBe(99);

    const queued = await org.caller.sync.resync({ id: link!.id });
    expect(queued).toEqual({ queued: 1, linkId: link!.id, side: "quickbooks", recordId: widget.Id, queuedAt: expect.any(Date) });
    // A notification about the same record within the debounce second doesn't stand in for the resync.
    await sendEvents(recordChanged.create({ orgId: org.orgId, object: "products", side: "quickbooks", recordId: widget.Id }));
    await eventually(async () => Number((await product(ctx.hubspot, link!.hubspotId!)).properties.price) === 10, "the resync to re-apply the price", 45_000);
    const after = await eventually(async () => {
      const row = await linkBy(org.orgId, "products", "quickbooks", widget.Id);
      return row?.state === "synced" ? row : undefined;
    }, "the product to be in step", 45_000);
    expect(after.errorCode).toBeNull();
    const [latest] = (await org.caller.sync.record({ id: link!.id })).activity;
    expect(latest).toMatchObject({ action: "updated", target: "hubspot" });
    const price = latest!.changes.find((c) => c.field === "price");
    expect(price).toMatchObject({ label: "Unit price" });
    expect([Number(price!.before), Number(price!.after)]).toEqual([99, 10]);

    // A record in step can be resynced too (read again on both sides; nothing differs).
    await expect(org.caller.sync.resync({ id: link!.id })).resolves.toMatchObject({ queued: 1, side: "quickbooks" });
  }, 240_000);
});

describe("the record list", () => {
  const labels = ["Alpha 01", "beta 02", "Gamma 03", "delta 04", "Epsilon 05", "zeta 06", "Eta 07", "theta 08", "Iota 09", "kappa 10", "Lambda 11", "mu 12", "Nu 13", "xi 14", "Omicron 15", "pi 16", "Rho 17", "sigma 18", "Tau 19", "upsilon 20", "Phi 21", "chi 22", "Psi 23", "100% omega"];
  let listOrg: { orgId: string; userId: string };
  let caller: ReturnType<typeof callerFor>;
  let seeded: Array<typeof recordLinks.$inferSelect>;

  beforeAll(async () => {
    listOrg = await signUpOrg(db(), "List Co");
    caller = callerFor(db(), listOrg.userId);
    const objects = ["contacts", "products", "invoices", "payments"] as const;
    const states = ["synced", "failed", "excluded", "pending"] as const;
    // Several rows share one updated_at (ties broken by id); others differ by a microsecond.
    const base = Date.parse("2026-01-01T00:00:00Z");
    seeded = await db()
      .insert(recordLinks)
      .values(
        labels.map((label, i) => ({
          orgId: listOrg.orgId,
          object: objects[i % 4]!,
          state: states[Math.floor(i / 4) % 4]!,
          errorCode: states[Math.floor(i / 4) % 4] === "failed" ? (i % 2 ? "CLOSED_PERIOD" : "DUPLICATE_DOC_NUMBER") : null,
          label,
          hubspotId: `HS-${1000 + i}`,
          quickbooksId: i % 5 === 0 ? null : `QB${i}`,
          origin: "hubspot" as const,
          updatedAt: new Date(base + Math.floor(i / 3) * 1000),
        })),
      )
      .returning();
    // A child (an invoice line) never shows in the list.
    await db().insert(recordLinks).values({ orgId: listOrg.orgId, object: "invoices", state: "synced", label: "Alpha line", hubspotId: "line-1", quickbooksId: "QB2:1", origin: "hubspot", parentLinkId: seeded[2]!.id });
  });

  async function allPages(input: Parameters<typeof caller.sync.records>[0], limit: number) {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await caller.sync.records({ ...input, limit, cursor });
      ids.push(...page.items.map((r) => r.id));
      pages += 1;
      expect(page.items.length).toBeLessThanOrEqual(limit);
      if (!page.nextCursor) return { ids, pages };
      cursor = page.nextCursor;
    }
  }

  const byUpdated = (a: (typeof seeded)[number], b: (typeof seeded)[number]) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.id.localeCompare(b.id);
  const byLabel = (a: (typeof seeded)[number], b: (typeof seeded)[number]) => a.label!.toLowerCase().localeCompare(b.label!.toLowerCase(), "en") || a.id.localeCompare(b.id);

  it("pages through every top-level record in each sort with no duplicates or gaps", async () => {
    const expected = {
      updated_asc: [...seeded].sort(byUpdated).map((r) => r.id),
      updated_desc: [...seeded].sort(byUpdated).reverse().map((r) => r.id),
      label_asc: [...seeded].sort(byLabel).map((r) => r.id),
      label_desc: [...seeded].sort(byLabel).reverse().map((r) => r.id),
    };
    for (const sort of ["updated_desc", "updated_asc", "label_asc", "label_desc"] as const) {
      const { ids, pages } = await allPages({ sort }, 5);
      expect(ids, sort).toEqual(expected[sort]);
      expect(pages).toBe(5);
    }
    // The default sort is the newest change first.
    expect((await caller.sync.records({ limit: 3 })).items.map((r) => r.id)).toEqual(expected.updated_desc.slice(0, 3));
  });

  it("filters by object, state, error code and text (label or either id, case-insensitive, % taken literally)", async () => {
    const ids = async (input: Parameters<typeof caller.sync.records>[0]) => (await allPages(input, 4)).ids.sort();
    const expectIds = (rows: typeof seeded) => rows.map((r) => r.id).sort();
    expect(await ids({ object: "products" })).toEqual(expectIds(seeded.filter((r) => r.object === "products")));
    expect(await ids({ object: "invoices", state: "excluded" })).toEqual(expectIds(seeded.filter((r) => r.object === "invoices" && r.state === "excluded")));
    expect(await ids({ state: "failed", errorCode: "CLOSED_PERIOD" })).toEqual(expectIds(seeded.filter((r) => r.errorCode === "CLOSED_PERIOD")));
    expect(await ids({ errorCode: "CLOSED_PERIOD" })).toHaveLength(seeded.filter((r) => r.errorCode === "CLOSED_PERIOD").length);
    expect(await ids({ text: "ALPHA" })).toEqual(expectIds(seeded.filter((r) => r.label === "Alpha 01")));
    expect(await ids({ text: "hs-1007" })).toEqual(expectIds(seeded.filter((r) => r.hubspotId === "HS-1007")));
    expect(await ids({ text: "qb1" })).toEqual(expectIds(seeded.filter((r) => r.quickbooksId?.startsWith("QB1"))));
    expect(await ids({ text: "100%" })).toEqual(expectIds(seeded.filter((r) => r.label === "100% omega")));
    expect(await ids({ text: "0%" })).toEqual(expectIds(seeded.filter((r) => r.label === "100% omega")));
    expect(await ids({ text: "nothing like it" })).toEqual([]);
    expect(await ids({ text: "line-1" })).toEqual([]);
    // Text with a sort and pages.
    const e = await allPages({ text: "e", sort: "label_asc" }, 2);
    expect(e.ids).toEqual([...seeded].filter((r) => r.label!.toLowerCase().includes("e")).sort(byLabel).map((r) => r.id));
  });

  it("finds a contact by its email and an invoice by its number on either side, as last synced", async () => {
    const searchOrg = await signUpOrg(db(), "Search Co");
    const search = callerFor(db(), searchOrg.userId);
    const [dana, otherContact, invoice, otherInvoice] = await db()
      .insert(recordLinks)
      .values([
        { orgId: searchOrg.orgId, object: "contacts" as const, label: "Brooks Landscaping", hubspotId: "101", quickbooksId: "58", origin: "quickbooks" as const, state: "synced" as const, hubspotSnapshot: { email: "dana.brooks@example.test", firstName: "Dana" }, quickbooksSnapshot: { email: "Dana.Brooks@Example.test", firstName: "Dana" } },
        { orgId: searchOrg.orgId, object: "contacts" as const, label: "Kim Lee", hubspotId: "102", quickbooksId: "59", origin: "hubspot" as const, state: "synced" as const, hubspotSnapshot: { email: "kim@example.test" }, quickbooksSnapshot: { email: "kim@example.test" } },
        { orgId: searchOrg.orgId, object: "invoices" as const, label: "Invoice 7731", hubspotId: "9001", quickbooksId: "130", origin: "hubspot" as const, state: "synced" as const, hubspotSnapshot: { number: "7731" }, quickbooksSnapshot: { number: "QB-7731-A" } },
        { orgId: searchOrg.orgId, object: "invoices" as const, label: "Invoice 8800", hubspotId: "9002", quickbooksId: "131", origin: "hubspot" as const, state: "synced" as const, hubspotSnapshot: { number: "8800" }, quickbooksSnapshot: { number: "8800" } },
      ])
      .returning();
    const found = async (text: string) => (await search.sync.records({ text })).items.map((r) => r.id).sort();
    // The label alone names neither the email nor QuickBooks' own number.
    expect(dana!.label).not.toContain("dana");
    expect(await found("dana.brooks@")).toEqual([dana!.id]);
    expect(await found("DANA.BROOKS@EXAMPLE.TEST")).toEqual([dana!.id]);
    expect(await found("example.test")).toEqual([dana!.id, otherContact!.id].sort());
    expect(await found("qb-7731")).toEqual([invoice!.id]);
    expect(await found("7731")).toEqual([invoice!.id]);
    expect(await found("8800")).toEqual([otherInvoice!.id]);
    expect(await found("brooks land")).toEqual([dana!.id]);
  });

  it("refuses a cursor that isn't one, or was made for another sort", async () => {
    const page = await caller.sync.records({ sort: "label_asc", limit: 2 });
    expect((await trpcErrorOf(caller.sync.records({ sort: "updated_desc", cursor: page.nextCursor! }))).code).toBe("BAD_REQUEST");
    expect((await trpcErrorOf(caller.sync.records({ cursor: "bm90IGEgY3Vyc29y" }))).code).toBe("BAD_REQUEST");
    expect((await trpcErrorOf(caller.sync.records({ limit: 101 }))).code).toBe("BAD_REQUEST");
  });
});

describe("an invoice's sync status", () => {
  it("shows its state, counterpart and pages by either id, its lines in the record view, and NOT_FOUND for an unknown invoice", async () => {
    const [invoice] = await db()
      .insert(recordLinks)
      .values({
        orgId: org.orgId,
        object: "invoices",
        hubspotId: "hs-inv-1",
        quickbooksId: "qb-inv-1",
        origin: "hubspot",
        label: "INV-1001",
        state: "failed",
        errorCode: "CLOSED_PERIOD",
        errorDetail: "The books are closed through 2025-12-31.",
        lastSyncedAt: new Date("2026-02-01T10:00:00Z"),
      })
      .returning();
    const [line] = await db()
      .insert(recordLinks)
      .values({ orgId: org.orgId, object: "invoices", hubspotId: "hs-line-1", quickbooksId: "qb-inv-1:1", origin: "hubspot", state: "synced", parentLinkId: invoice!.id })
      .returning();
    await db().insert(syncActivity).values({ orgId: org.orgId, linkId: invoice!.id, target: "quickbooks", action: "failed", errorCode: "CLOSED_PERIOD", message: "closed" });

    const hubspotUrl = `${stack.origin}/sandbox/hubspot/${org.hubspotPortalId}/invoices/hs-inv-1`;
    const quickbooksUrl = `${stack.origin}/sandbox/quickbooks/companies/${org.realmId}/invoices/qb-inv-1`;
    const fromHubSpot = await org.caller.sync.invoiceStatus({ side: "hubspot", id: "hs-inv-1" });
    expect(fromHubSpot).toMatchObject({
      linkId: invoice!.id,
      state: "failed",
      url: hubspotUrl,
      counterpart: { side: "quickbooks", id: "qb-inv-1", url: quickbooksUrl },
      lastSyncedAt: new Date("2026-02-01T10:00:00Z"),
      error: { code: "CLOSED_PERIOD", category: "Closed books", fix: expect.stringContaining("closing date"), detail: "The books are closed through 2025-12-31." },
      canRetry: true,
    });
    await expect(org.caller.sync.invoiceStatus({ side: "quickbooks", id: "qb-inv-1" })).resolves.toMatchObject({
      linkId: invoice!.id,
      url: quickbooksUrl,
      counterpart: { side: "hubspot", id: "hs-inv-1", url: hubspotUrl },
    });
    for (const unknown of [{ side: "hubspot", id: "hs-inv-404" }, { side: "quickbooks", id: "hs-inv-1" }, { side: "hubspot", id: "hs-line-1" }] as const) {
      expect((await trpcErrorOf(org.caller.sync.invoiceStatus(unknown))).code).toBe("NOT_FOUND");
    }

    const detail = await org.caller.sync.record({ id: invoice!.id });
    expect(detail.children.map((c) => c.id)).toEqual([line!.id]);
    expect(detail.activity[0]).toMatchObject({ action: "failed", error: { code: "CLOSED_PERIOD" } });
    await expect(org.caller.sync.record({ id: line!.id })).resolves.toMatchObject({ parent: { id: invoice!.id, label: "INV-1001" } });
    const overview = (await org.caller.sync.overview()).find((o) => o.object === "invoices")!;
    expect(overview.counts.failed).toBe(1);
    expect(overview.counts.synced).toBe(0);
    expect(overview.failedByCode).toEqual([expect.objectContaining({ code: "CLOSED_PERIOD", category: "Closed books", retryable: false, count: 1, fix: expect.stringContaining("closing date") })]);
    // Retrying the line retries its invoice.
    await expect(org.caller.sync.retry({ id: line!.id })).resolves.toMatchObject({ linkId: invoice!.id, side: "hubspot", recordId: "hs-inv-1" });
    // A payment hangs off its invoice too, but is a record of its own: retrying it retries the payment.
    const [payment] = await db()
      .insert(recordLinks)
      .values({ orgId: org.orgId, object: "payments", hubspotId: "hs-pay-1", quickbooksId: "qb-pay-1", origin: "quickbooks", state: "failed", errorCode: "CLOSED_PERIOD", parentLinkId: invoice!.id })
      .returning();
    await expect(org.caller.sync.retry({ id: payment!.id })).resolves.toMatchObject({ linkId: payment!.id, side: "quickbooks", recordId: "qb-pay-1" });
    await db().delete(recordLinks).where(and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.id, invoice!.id)));
  });
});

describe("a record's page", () => {
  it("names each action and field in words and shows an invoice's lines as rows, its payments apart", async () => {
    const lines = (quantity: number) => JSON.stringify([["WID-001", "Widget", quantity, 25], [null, "Setup fee", 1, 40]]);
    const [invoice] = await db()
      .insert(recordLinks)
      .values({
        orgId: org.orgId,
        object: "invoices",
        hubspotId: "hs-inv-words",
        quickbooksId: "qb-inv-words",
        origin: "hubspot",
        label: "Invoice 2042",
        state: "failed",
        errorCode: "EDITED_OUTSIDE_HUBSPOT",
        hubspotSnapshot: { number: "2042", currency: "USD", customer: "birds@intuit.example", lines: lines(2) },
        quickbooksSnapshot: { number: "2042", currency: "USD", customer: "birds@intuit.example", lines: lines(2) },
      })
      .returning();
    const [payment] = await db()
      .insert(recordLinks)
      .values({ orgId: org.orgId, object: "payments", hubspotId: "hs-pay-words", quickbooksId: "qb-pay-words", origin: "quickbooks", label: "Payment 90.00", state: "synced", parentLinkId: invoice!.id })
      .returning();
    await db()
      .insert(syncActivity)
      .values([
        {
          orgId: org.orgId,
          linkId: invoice!.id,
          at: new Date("2026-02-01T10:00:00Z"),
          target: "quickbooks",
          action: "created",
          changedFields: ["customer", "lines"],
          changes: { customer: { before: null, after: "birds@intuit.example" }, lines: { before: null, after: lines(2) } },
        },
        { orgId: org.orgId, linkId: invoice!.id, at: new Date("2026-02-01T11:00:00Z"), target: "hubspot", action: "out_of_step", errorCode: "EDITED_OUTSIDE_HUBSPOT", message: "Lines changed in QuickBooks" },
        {
          orgId: org.orgId,
          linkId: invoice!.id,
          at: new Date("2026-02-01T12:00:00Z"),
          target: "hubspot",
          action: "conflict_resolved",
          changedFields: ["lines"],
          changes: { lines: { before: lines(3), after: lines(2) } },
        },
      ]);

    const detail = await org.caller.sync.record({ id: invoice!.id });
    expect(detail.lines).toEqual(["2 × Widget (WID-001) at $25.00", "1 × Setup fee at $40.00"]);
    expect(detail.children.map((c) => ({ id: c.id, object: c.object }))).toEqual([{ id: payment!.id, object: "payments" }]);
    expect(detail.activity.map((a) => [a.action, a.actionLabel])).toEqual([
      ["conflict_resolved", "Changed on both sides: the conflict winner's values kept"],
      ["out_of_step", "Synced, but the two sides still differ"],
      ["created", "Created"],
    ]);
    expect(detail.activity[0]!.changes).toEqual([
      { field: "lines", label: "Line items", before: ["3 × Widget (WID-001) at $25.00", "1 × Setup fee at $40.00"], after: ["2 × Widget (WID-001) at $25.00", "1 × Setup fee at $40.00"] },
    ]);
    expect(detail.activity[2]!.changes).toEqual([
      { field: "customer", label: "Customer", before: null, after: "birds@intuit.example" },
      { field: "lines", label: "Line items", before: null, after: ["2 × Widget (WID-001) at $25.00", "1 × Setup fee at $40.00"] },
    ]);
    // Only invoices have lines.
    expect((await org.caller.sync.record({ id: payment!.id })).lines).toEqual([]);
    await db().delete(recordLinks).where(and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.id, invoice!.id)));
  });
});

describe("the overview's live status", () => {
  it("says an initial sync is over once it finished, for an org with no invoices or payments at all", async () => {
    const empty = await connectNewOrg(stack);
    const before = await empty.caller.sync.overview();
    expect(before.find((o) => o.object === "invoices")).toMatchObject({ enabled: false, initialSync: { running: false } });
    await empty.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "two_way" });
    const settled = await eventually(async () => {
      const overview = await empty.caller.sync.overview();
      return overview.find((o) => o.object === "invoices")?.initialSync.progress?.finishedAt ? overview : undefined;
    }, "the invoices' initial sync to finish");
    for (const object of ["invoices", "payments"] as const) {
      expect(settled.find((o) => o.object === object), object).toMatchObject({
        enabled: true,
        counts: { synced: 0, failed: 0, excluded: 0, pending: 0 },
        initialSync: { running: false, progress: { read: 0, finishedAt: expect.any(String) } },
      });
    }
  }, 90_000);
});

describe("pre-flight checks", () => {
  /** As a user changes them in QuickBooks' settings: a sparse update of Preferences with its SyncToken. */
  async function setPreferences(on: SyncContext, patch: Record<string, unknown>) {
    const current = await on.quickbooks.preferences();
    await on.quickbooks.update("Preferences" as QboEntityName, { Id: current.Id!, SyncToken: current.SyncToken!, ...patch }, `prefs-${Math.random()}`);
  }

  it("pass on a plain US company with synced contacts, and warn or block as the company's settings change", async () => {
    const fresh = await connectNewOrg(stack);
    const freshCtx = await createSyncContext(db(), fresh.orgId);
    const statusOf = async () => Object.fromEntries((await fresh.caller.sync.preflight()).checks.map((c) => [c.id, c]));

    const before = await fresh.caller.sync.preflight();
    expect(before.company.country).toBe("US");
    expect(before.outboundInvoicesBlocked).toBe(false);
    expect(Object.fromEntries(before.checks.map((c) => [c.id, c.status]))).toEqual({
      custom_transaction_numbers: "pass",
      closed_books: "pass",
      revenue_recognition: "pass",
      company_country: "pass",
      items_have_skus: "pass",
      contacts_synced: "warn",
    });
    for (const check of before.checks) expect(check.reason.length).toBeGreaterThan(10);
    expect(before.checks.find((c) => c.id === "contacts_synced")!.reason).toContain("off");

    await fresh.caller.sync.updateSettings({ object: "contacts", enabled: true });
    await initialSyncDone(fresh.orgId, "contacts", 0);
    expect((await statusOf()).contacts_synced).toMatchObject({ status: "pass" });

    await setPreferences(freshCtx, { SalesFormsPrefs: { CustomTxnNumbers: true } });
    await setPreferences(freshCtx, { AccountingInfoPrefs: { BookCloseDate: "2025-12-31" } });
    await setPreferences(freshCtx, { ProductAndServicesPrefs: { RevenueRecognition: true } });
    const [income] = await freshCtx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    for (const [name, sku] of [["No SKU 1", null], ["No SKU 2", null], ["With SKU", "S-1"]] as const) {
      await freshCtx.quickbooks.create<QboItem>("Item", { Name: name, Type: "Service", UnitPrice: 1, IncomeAccountRef: { value: income!.Id }, ...(sku ? { Sku: sku } : {}) }, `pf-${name}`);
    }
    await stack.quickbooksAdmin("POST", `/companies/${fresh.realmId}/settings`, { country: "GB" });

    const after = await fresh.caller.sync.preflight();
    const checks = Object.fromEntries(after.checks.map((c) => [c.id, c]));
    expect(checks.custom_transaction_numbers).toMatchObject({ status: "warn", errorCode: "DUPLICATE_DOC_NUMBER" });
    expect(checks.closed_books).toMatchObject({ status: "warn", errorCode: "CLOSED_PERIOD", reason: expect.stringContaining("2025-12-31") });
    expect(checks.revenue_recognition).toMatchObject({ status: "block", errorCode: "SERVICE_DATE_REQUIRED", blocks: "outbound_invoices" });
    expect(checks.company_country).toMatchObject({
      status: "block",
      errorCode: "TAX_REQUIRED",
      reason: expect.stringContaining("No QuickBooks tax code is chosen for lines without a HubSpot tax rate."),
      action: expect.stringContaining("Complete the tax mapping"),
    });
    expect(checks.items_have_skus).toMatchObject({ status: "warn", reason: expect.stringMatching(/^2 of 3 active/) });
    expect(after.outboundInvoicesBlocked).toBe(true);
    expect(after.company.country).toBe("GB");
  }, 60_000);

  it("let revenue recognition pass once service dates are configured, and warn while a line could still lack one", async () => {
    const org = await connectNewOrg(stack);
    const orgCtx = await createSyncContext(db(), org.orgId);
    const revenueCheck = async () => {
      const result = await org.caller.sync.preflight();
      return { check: result.checks.find((c) => c.id === "revenue_recognition")!, blocked: result.outboundInvoicesBlocked };
    };
    expect((await revenueCheck()).check).toMatchObject({ status: "pass", errorCode: null });

    await setPreferences(orgCtx, { ProductAndServicesPrefs: { RevenueRecognition: true } });
    expect(await revenueCheck()).toMatchObject({ check: { status: "block", errorCode: "SERVICE_DATE_REQUIRED", blocks: "outbound_invoices" }, blocked: true });

    await org.caller.sync.updateSettings({ object: "invoices", serviceDateProperty: "hs_service_start_date" });
    expect(await revenueCheck()).toMatchObject({
      check: { status: "warn", errorCode: "SERVICE_DATE_REQUIRED", blocks: null, reason: expect.stringContaining("“hs_service_start_date”") },
      blocked: false,
    });

    await org.caller.sync.updateSettings({ object: "invoices", serviceDateFallback: "invoice_date" });
    expect(await revenueCheck()).toMatchObject({
      check: { status: "pass", errorCode: null, blocks: null, reason: expect.stringContaining("“hs_service_start_date”, else the invoice date") },
      blocked: false,
    });

    // A fallback alone gives every line a date too; without property and fallback it blocks again.
    await org.caller.sync.updateSettings({ object: "invoices", serviceDateProperty: "", serviceDateFallback: "due_date" });
    expect(await revenueCheck()).toMatchObject({ check: { status: "pass", reason: expect.stringContaining("from the due date") }, blocked: false });
    await org.caller.sync.updateSettings({ object: "invoices", serviceDateFallback: "none" });
    expect(await revenueCheck()).toMatchObject({ check: { status: "block" }, blocked: true });
  }, 60_000);

  it("needs QuickBooks connected", async () => {
    const alone = await signUpOrg(db(), "Unconnected Co");
    expect((await trpcErrorOf(callerFor(db(), alone.userId).sync.preflight())).code).toBe("PRECONDITION_FAILED");
  });
});
