/**
 * Historic backfill through the sandboxes over HTTP: older invoices (dated in the past, created
 * before the sync started, so the sync left them out) are previewed, then copied one way within
 * the providers' limits; invoices the other side already has with the same number are linked,
 * not copied. The large run has its workflow runtime killed mid-way and restarted, and still ends
 * with exactly one counterpart per invoice, numbers and amounts equal on both sides.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import type { HubSpotClient } from "../../providers/hubspot/client";
import { ensureTandemProperties, PAYMENT_TERMS_PROPERTY } from "../../providers/hubspot/tandem-properties";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { createTestDatabase } from "../../testing/database";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack } from "../../testing/stack";
import { trpcErrorOf } from "../../testing/trpc-errors";
import { initialSyncDone, links } from "../engine/testing";
import { createSyncContext } from "../org-context";
import { createQuickBooksInvoice, hubspotContacts, inQuickBooksPast, quickbooksCustomer, seedHubSpotInvoices, widget, type SeedInvoice } from "./testing";

type QboInvoice = { Id: string; SyncToken: string; DocNumber?: string; TxnDate?: string; TotalAmt: number; CustomerRef: { value: string } };
type Org = Awaited<ReturnType<typeof connectNewOrg>>;

/**
 * The large run's size: 500 as the issue asks, set with BACKFILL_COUNT. CI runs 60, because
 * seeding 500 HubSpot invoices through the sandbox and copying them at QuickBooks' pace takes
 * longer than the whole suite may (the 500 run, BACKFILL_COUNT=500 with this file alone, passed
 * in 23 minutes on the shared machine on 2026-11-29, resumed once after the kill).
 */
const LARGE = Number(process.env.BACKFILL_COUNT ?? (process.env.CI ? 60 : 500));
const DAY_MS = 86_400_000;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

const dateIn2025H1 = (i: number) => new Date(Date.UTC(2025, 0, 1) + (i % 180) * DAY_MS).toISOString().slice(0, 10);
const pad = (i: number) => String(i).padStart(4, "0");

async function latestBackfill(org: Org) {
  const [latest] = await org.caller.backfill.list({ object: "invoices" });
  return latest;
}

async function backfillFinished(org: Org, timeoutMs: number) {
  return eventually(
    async () => {
      const latest = await latestBackfill(org);
      if (latest?.state === "failed") throw new Error(`The backfill failed: ${latest.error}`);
      return latest?.state === "finished" ? latest : undefined;
    },
    "the backfill to finish",
    timeoutMs,
  );
}

async function hubspotInvoices(client: HubSpotClient, ids: string[]) {
  return client.batchRead("invoices", ids, ["hs_number", "hs_amount_billed", "hs_invoice_status", "hs_invoice_date"]);
}

describe("a backfill from HubSpot to QuickBooks", () => {
  it(`copies ${LARGE} older invoices exactly once across a runtime kill, linking the ones QuickBooks has by number`, { timeout: 1_800_000 }, async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    const itemId = await widget(ctx);
    const emails = ["ada", "bo", "cy", "di", "ed"].map((n) => `${n}@older.test`);
    const contactIds = await hubspotContacts(someoneElse, emails);
    const line = (i: number) => ({ quantity: (i % 7) + 1, price: 20 + (i % 5), email: emails[i % emails.length]! });

    // Invoices QuickBooks already has (made in QuickBooks 40 days ago, same numbers as HubSpot's).
    const preexisting = [...new Set([3, Math.ceil(LARGE / 5), Math.ceil(LARGE / 2), LARGE - 7, LARGE])].filter((i) => i >= 1 && i <= LARGE);
    const preexistingIds = await inQuickBooksPast(stack, 40, async () => {
      const customers = new Map<string, string>();
      for (const i of preexisting) if (!customers.has(line(i).email)) customers.set(line(i).email, await quickbooksCustomer(ctx, line(i).email));
      const ids = new Map<string, string>();
      for (const i of preexisting) {
        const { quantity, price, email } = line(i);
        ids.set(`BF-${pad(i)}`, (await createQuickBooksInvoice(ctx.quickbooks, { number: `BF-${pad(i)}`, date: dateIn2025H1(i), customerId: customers.get(email)!, itemId, quantity, price })).Id);
      }
      return ids;
    });

    const seeds: SeedInvoice[] = [];
    for (let i = 1; i <= LARGE; i++) {
      const { quantity, price, email } = line(i);
      seeds.push({ title: `Older ${i}`, number: `BF-${pad(i)}`, date: dateIn2025H1(i), contactId: contactIds.get(email)!, sku: "W-1", quantity, price, status: "open" });
    }
    const drafts = [1, 2, 3].map((i) => ({ title: `Draft ${i}`, date: dateIn2025H1(i * 11), contactId: contactIds.get(emails[0]!)!, sku: "W-1", quantity: 1, price: 20, status: "draft" as const }));
    const internal = [1, 2].map((i) => ({ title: `Internal ${i}`, number: `BF-900${i}`, date: dateIn2025H1(i * 13), contactId: contactIds.get(emails[1]!)!, sku: "W-1", quantity: 1, price: 20, status: "open" as const }));
    const outOfRange = [1, 2].map((i) => ({ title: `Older still ${i}`, number: `BF-800${i}`, date: `2024-11-1${i}`, contactId: contactIds.get(emails[2]!)!, sku: "W-1", quantity: 2, price: 20, status: "open" as const }));
    const hubspotIds = await seedHubSpotInvoices(Number(org.hubspotPortalId), someoneElse, [...seeds, ...drafts, ...internal, ...outOfRange]);

    // The sync starts after all of them (QuickBooks → HubSpot first, then both ways), with the
    // recommended inbound filter: the initial sync leaves QuickBooks' older invoices out.
    await org.caller.filters.createdAfterToday({ object: "invoices" });
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "to_hubspot" });
    const initial = await initialSyncDone(org.orgId, "invoices", preexisting.length);
    expect(initial.every((l) => l.state === "excluded" && l.excludedReason?.startsWith("Left out by the filter"))).toBe(true);
    await org.caller.sync.updateSettings({ object: "invoices", direction: "two_way" });
    await org.caller.filters.create({ object: "invoices", direction: "to_quickbooks", conditions: [{ field: "hs_title", operator: "not_contains", value: "internal" }], label: "Not internal" });

    const range = { from: "2025-01-01", to: "2025-06-30" };
    const preview = await org.caller.backfill.preview({ object: "invoices", direction: "to_quickbooks", range });
    expect(preview.total).toBe(LARGE + drafts.length + internal.length);
    expect(preview.counts).toEqual({ create: LARGE - preexisting.length, link: preexisting.length, unchanged: 0, exclude: 5, fail: 0 });
    expect(preview.excludedReasons).toEqual([
      { reason: "Drafts never sync: only finalized invoices go to QuickBooks", count: 3 },
      { reason: "Left out by the filter “Not internal”", count: 2 },
    ]);
    // Nothing was written by the preview.
    expect(await ctx.quickbooks.queryAll("Invoice")).toHaveLength(preexisting.length);

    await org.caller.backfill.start({ object: "invoices", direction: "to_quickbooks", range });
    const midway = Math.min(60, Math.floor(LARGE / 3));
    const before = await eventually(
      async () => {
        const latest = await latestBackfill(org);
        return latest && latest.done.created + latest.done.linked >= midway ? latest : undefined;
      },
      "the backfill to be under way",
      600_000,
    );
    await stack.restartRuntime();
    const finished = await backfillFinished(org, 1_500_000);

    // It was really cut off mid-way and resumed.
    expect(before.done.created + before.done.linked).toBeLessThan(LARGE);
    expect(finished.resumes).toBeGreaterThan(0);
    expect(finished.expected).toEqual(preview.counts);
    expect(finished.done).toMatchObject({ created: LARGE - preexisting.length, linked: preexisting.length, excluded: 5, failed: 0 });

    // Exactly one QuickBooks invoice per HubSpot one, same number and amount; the older ones out of range stay out.
    const quickbooks = await ctx.quickbooks.queryAll<QboInvoice>("Invoice");
    const expectedNumbers = seeds.map((s) => s.number!).sort();
    expect(quickbooks.map((i) => i.DocNumber).sort()).toEqual(expectedNumbers);
    const hubspot = await hubspotInvoices(someoneElse, seeds.map((s) => hubspotIds.get(s.title)!));
    const byNumber = new Map(quickbooks.map((i) => [i.DocNumber!, i]));
    const pairs = hubspot.map((h) => ({ number: h.properties.hs_number, hubspot: Number(h.properties.hs_amount_billed), quickbooks: byNumber.get(h.properties.hs_number!)?.TotalAmt }));
    expect(pairs.filter((p) => p.hubspot !== p.quickbooks)).toEqual([]);
    expect(pairs.map((p) => p.hubspot)).toEqual(seeds.map((s) => s.quantity * s.price));
    expect(quickbooks.filter((i) => i.TxnDate !== dateIn2025H1(Number(i.DocNumber!.slice(3))))).toEqual([]);
    // The invoices QuickBooks had were linked (same ids), not copied again.
    for (const [number, id] of preexistingIds) expect(byNumber.get(number)?.Id).toBe(id);

    const rows = await links(org.orgId, "invoices");
    const linkOf = (title: string) => rows.find((l) => l.hubspotId === hubspotIds.get(title));
    expect(seeds.filter((s) => linkOf(s.title)?.state !== "synced" || linkOf(s.title)?.quickbooksId !== byNumber.get(s.number!)?.Id).map((s) => s.number)).toEqual([]);
    expect(drafts.map((d) => linkOf(d.title)?.excludedReason)).toEqual(Array(3).fill("Drafts never sync: only finalized invoices go to QuickBooks"));
    expect(internal.map((d) => linkOf(d.title)?.excludedReason)).toEqual(Array(2).fill("Left out by the filter “Not internal”"));
    expect(outOfRange.map((d) => linkOf(d.title)?.quickbooksId ?? null)).toEqual([null, null]);
    expect(rows.filter((l) => l.state === "synced")).toHaveLength(LARGE);
  });
});

describe("a backfill from QuickBooks to HubSpot", () => {
  it("is refused while the sync doesn't send that way, then copies the older invoices once and links HubSpot's by number", { timeout: 900_000 }, async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    const itemId = await widget(ctx);
    const emails = ["fay", "gus", "hal"].map((n) => `${n}@older.test`);
    const contactIds = await hubspotContacts(someoneElse, emails);
    const count = 24;
    const number = (i: number) => `Q-${pad(i)}`;
    const line = (i: number) => ({ quantity: (i % 4) + 1, price: 30 + (i % 3), email: emails[i % emails.length]! });
    const dated = (i: number) => dateIn2025H1(i * 3);

    // QuickBooks' older invoices, made 40 days ago: the range's, two internal ones, two older still.
    const quickbooksIds = await inQuickBooksPast(stack, 40, async () => {
      const customers = new Map<string, string>();
      for (const email of emails) customers.set(email, await quickbooksCustomer(ctx, email));
      const ids = new Map<string, string>();
      const add = async (n: string, date: string, i: number, note?: string) =>
        ids.set(n, (await createQuickBooksInvoice(ctx.quickbooks, { number: n, date, customerId: customers.get(line(i).email)!, itemId, ...line(i), note })).Id);
      for (let i = 1; i <= count; i++) await add(number(i), dated(i), i);
      for (const i of [1, 2]) await add(`Q-900${i}`, dated(i + 30), i, "internal only");
      for (const i of [1, 2]) await add(`Q-800${i}`, `2024-10-1${i}`, i);
      return ids;
    });
    // HubSpot already has two of them: same number, contact and line, made by a HubSpot user.
    const preexisting = [5, 17];
    const hubspotIds = await seedHubSpotInvoices(
      Number(org.hubspotPortalId),
      someoneElse,
      preexisting.map((i) => ({ title: `Existing ${i}`, number: number(i), date: dated(i), contactId: contactIds.get(line(i).email)!, sku: "W-1", ...line(i), status: "open" as const })),
    );
    // Their terms as the HubSpot user typed them: QuickBooks' "Net 30" in another case.
    await ensureTandemProperties(someoneElse, "invoices");
    for (const i of preexisting) await hubspotUi.updateRecord(Number(org.hubspotPortalId), "invoices", Number(hubspotIds.get(`Existing ${i}`)), { [PAYMENT_TERMS_PROPERTY]: "net 30" });

    await org.caller.filters.createdAfterToday({ object: "invoices" });
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "to_quickbooks" });
    const initial = await initialSyncDone(org.orgId, "invoices", preexisting.length);
    expect(initial.map((l) => l.excludedReason)).toEqual(["Created and last changed before the sync started", "Created and last changed before the sync started"]);

    const range = { from: "2025-01-01", to: "2025-06-30" };
    // Refused, with nothing stored, while the sync doesn't copy invoices to HubSpot, and for a range that ends before it starts.
    expect(await trpcErrorOf(org.caller.backfill.start({ object: "invoices", direction: "to_hubspot", range }))).toMatchObject({ code: "BAD_REQUEST", field: "direction" });
    expect((await trpcErrorOf(org.caller.backfill.start({ object: "invoices", direction: "to_hubspot", range: { from: range.to, to: range.from } }))).code).toBe("BAD_REQUEST");
    expect(await org.caller.backfill.list({ object: "invoices" })).toEqual([]);

    await org.caller.sync.updateSettings({ object: "invoices", direction: "two_way" });
    await org.caller.filters.create({ object: "invoices", direction: "to_hubspot", conditions: [{ field: "PrivateNote", operator: "not_contains", value: "internal" }], label: "Not internal" });
    const preview = await org.caller.backfill.preview({ object: "invoices", direction: "to_hubspot", range });
    expect(preview.total).toBe(count + 2);
    expect(preview.counts).toEqual({ create: count - preexisting.length, link: preexisting.length, unchanged: 0, exclude: 2, fail: 0 });
    expect(preview.excludedReasons).toEqual([{ reason: "Left out by the filter “Not internal”", count: 2 }]);
    expect(preview.items.filter((i) => i.action === "link").map((i) => [i.label, i.counterpartId])).toEqual(
      preexisting.map((i) => [`Invoice ${number(i)}`, hubspotIds.get(`Existing ${i}`)]),
    );
    expect(await someoneElse.listAll("invoices", ["hs_number"])).toHaveLength(preexisting.length);

    const started = await org.caller.backfill.start({ object: "invoices", direction: "to_hubspot", range });
    // One backfill at a time.
    expect(await trpcErrorOf(org.caller.backfill.start({ object: "invoices", direction: "to_hubspot", range }))).toMatchObject({ code: "CONFLICT", field: "object" });
    const finished = await backfillFinished(org, 600_000);
    expect(finished.id).toBe(started.id);
    expect(finished.done).toMatchObject({ read: count + 2, created: count - preexisting.length, linked: preexisting.length, excluded: 2, failed: 0 });

    // Exactly one HubSpot invoice per QuickBooks one in the range, same number and amount; HubSpot's own two kept.
    const hubspot = await someoneElse.listAll("invoices", ["hs_number", "hs_amount_billed", PAYMENT_TERMS_PROPERTY]);
    const inRange = Array.from({ length: count }, (_, k) => number(k + 1));
    expect(hubspot.map((h) => h.properties.hs_number).sort()).toEqual(inRange);
    const quickbooks = new Map((await ctx.quickbooks.queryAll<QboInvoice>("Invoice")).map((i) => [i.DocNumber!, i]));
    expect(hubspot.filter((h) => Number(h.properties.hs_amount_billed) !== quickbooks.get(h.properties.hs_number!)?.TotalAmt).map((h) => h.properties.hs_number)).toEqual([]);
    expect(hubspot.map((h) => Number(h.properties.hs_amount_billed)).sort()).toEqual(inRange.map((_, k) => line(k + 1).quantity * line(k + 1).price).sort());
    for (const i of preexisting) expect(hubspot.find((h) => h.properties.hs_number === number(i))?.id).toBe(hubspotIds.get(`Existing ${i}`));
    // Copied invoices carry QuickBooks' terms; the linked ones keep their own spelling of the same terms.
    const termsOf = (n: string) => hubspot.find((h) => h.properties.hs_number === n)?.properties[PAYMENT_TERMS_PROPERTY];
    expect(inRange.map(termsOf)).toEqual(inRange.map((n) => (preexisting.map(number).includes(n) ? "net 30" : "Net 30")));
    expect(preexisting.map((i) => quickbooks.get(number(i))?.SyncToken)).toEqual(["0", "0"]);

    const rows = await links(org.orgId, "invoices");
    const linkOf = (n: string) => rows.find((l) => l.quickbooksId === quickbooksIds.get(n));
    const hubspotByNumber = new Map(hubspot.map((h) => [h.properties.hs_number!, h.id]));
    expect(inRange.filter((n) => linkOf(n)?.state !== "synced" || linkOf(n)?.hubspotId !== hubspotByNumber.get(n))).toEqual([]);
    expect(["Q-9001", "Q-9002"].map((n) => linkOf(n)?.excludedReason)).toEqual(["Left out by the filter “Not internal”", "Left out by the filter “Not internal”"]);
    expect(["Q-8001", "Q-8002"].map((n) => linkOf(n)?.hubspotId ?? null)).toEqual([null, null]);
  });
});
