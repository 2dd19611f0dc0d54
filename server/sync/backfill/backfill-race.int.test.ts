/**
 * A backfill's create of an invoice and a single-record sync of the same invoice (reconciliation
 * or the poll finding it changed, a webhook) at the same time: the single-record sync must wait
 * until the backfill has stored what it wrote, or both write the invoice's lines and the link says
 * synced over sides that differ. HubSpot answers slowly here so the create takes long enough for
 * the syncs to arrive in the middle of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createTestDatabase } from "../../testing/database";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack } from "../../testing/stack";
import { initialSyncDone, links } from "../engine/testing";
import { loadObjectEnv } from "../engine/object-env";
import type { SyncOutcome } from "../engine/outcome";
import { syncOne } from "../engine/sync-one";
import { createSyncContext } from "../org-context";
import { createQuickBooksInvoice, hubspotContacts, inQuickBooksPast, quickbooksCustomer, seedHubSpotInvoices, widget } from "./testing";

type QboLine = { DetailType: string; Amount: number; SalesItemLineDetail?: { ItemRef: { value: string }; Qty: number; UnitPrice: number } };
/** Single-record syncs sent at most per invoice while the backfill writes it. */
const CONTENDERS_PER_INVOICE = 4;

type QboInvoice = { Id: string; DocNumber: string; TotalAmt: number; Balance: number; Line: QboLine[] };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

describe("a backfill from QuickBooks to HubSpot while single-record syncs of its invoices run", () => {
  it("makes them wait for each create, so both sides hold the same amount, balance and lines when it says synced", { timeout: 600_000 }, async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    const someoneElse = await hubspotAsSomeoneElse(stack, org);
    const itemId = await widget(ctx);
    const emails = ["ivy", "jon"].map((n) => `${n}@older.test`);
    const contactIds = await hubspotContacts(someoneElse, emails);
    const orders = [
      { number: "R-0001", quantity: 2, price: 30, email: emails[0]! },
      { number: "R-0002", quantity: 3, price: 31, email: emails[1]! },
      { number: "R-0003", quantity: 1, price: 45, email: emails[0]! },
    ];
    // Their webhooks are lost, so they have no links when the backfill starts: the syncs below
    // stand for those webhooks arriving late, in the middle of the backfill's creates.
    const quickbooksFaults = (faults: Record<string, number>) => stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults });
    await quickbooksFaults({ webhookDropRate: 1 });
    await inQuickBooksPast(stack, 40, async () => {
      const customers = new Map<string, string>();
      for (const email of emails) customers.set(email, await quickbooksCustomer(ctx, email));
      for (const [i, o] of orders.entries()) {
        await createQuickBooksInvoice(ctx.quickbooks, { number: o.number, date: `2025-02-0${i + 1}`, customerId: customers.get(o.email)!, itemId, quantity: o.quantity, price: o.price });
      }
    });
    await quickbooksFaults({});

    // HubSpot already has R-0002 (linked by number, not copied); QuickBooks' invoices have no
    // links when the backfill starts, as when the sync began one way and turned two-way later.
    const existing = orders[1]!;
    const hubspotIds = await seedHubSpotInvoices(Number(org.hubspotPortalId), someoneElse, [
      { title: "Existing", number: existing.number, date: "2025-02-02", contactId: contactIds.get(existing.email)!, sku: "W-1", quantity: existing.quantity, price: existing.price, status: "open" },
    ]);
    await org.caller.filters.createdAfterToday({ object: "invoices" });
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "to_quickbooks" });
    await initialSyncDone(org.orgId, "invoices", 1);
    await org.caller.sync.updateSettings({ object: "invoices", direction: "two_way" });

    // Loaded beforehand, so each single-record sync starts reading the invoice at once.
    const env = await loadObjectEnv(db(), org.orgId, "invoices");
    await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, { latencyMs: 250 });
    // Each invoice is synced on its own, from both sides, as soon as its HubSpot copy exists and
    // while the backfill is still writing it (its link not synced yet).
    const contenders: Array<Promise<{ number: string; outcome: SyncOutcome }>> = [];
    const contended = new Map<string, number>();
    try {
      await org.caller.backfill.start({ object: "invoices", direction: "to_hubspot", range: { from: "2025-01-01", to: "2025-06-30" } });
      await eventually(
        async () => {
          for (const link of await links(org.orgId, "invoices")) {
            if (!link.hubspotId || !link.quickbooksId || link.state === "synced") continue;
            const number = link.label ?? link.id;
            const sent = contended.get(number) ?? 0;
            if (sent >= CONTENDERS_PER_INVOICE) continue;
            contended.set(number, sent + 1);
            // The QuickBooks webhook once, then HubSpot-side syncs a poll apart, so one lands at each step of the create.
            const [side, recordId] = sent === 0 ? (["quickbooks", link.quickbooksId] as const) : (["hubspot", link.hubspotId] as const);
            contenders.push(syncOne(env, side, recordId).then((outcome) => ({ number, outcome })));
          }
          const [latest] = await org.caller.backfill.list({ object: "invoices" });
          if (latest?.state === "failed") throw new Error(`The backfill failed: ${latest.error}`);
          return latest?.state === "finished" ? latest : undefined;
        },
        "the backfill to finish",
        540_000,
      );
    } finally {
      await Promise.allSettled(contenders);
      await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, {});
    }

    // One HubSpot invoice per QuickBooks one, equal field by field: amount, balance and each line.
    const quickbooks = await ctx.quickbooks.queryAll<QboInvoice>("Invoice");
    const rows = await links(org.orgId, "invoices");
    expect(await someoneElse.listAll("invoices", ["hs_number"])).toHaveLength(orders.length);
    expect(rows.find((l) => l.hubspotId === hubspotIds.get("Existing"))?.label).toBe(`Invoice ${existing.number}`);
    const sides = [];
    for (const invoice of quickbooks) {
      const link = rows.find((l) => l.quickbooksId === invoice.Id);
      const hubspot = await someoneElse.getObject("invoices", link!.hubspotId!, ["hs_number", "hs_amount_billed", "hs_balance_due"], ["line_items"]);
      const lineIds = (hubspot.associations?.["line items"]?.results ?? []).map((r) => String(r.id));
      const lines = await someoneElse.batchRead("line_items", lineIds, ["hs_sku", "quantity", "price"]);
      sides.push({
        state: link!.state,
        hubspot: {
          number: hubspot.properties.hs_number,
          amount: Number(hubspot.properties.hs_amount_billed),
          balance: Number(hubspot.properties.hs_balance_due),
          lines: lines.map((l) => ({ sku: l.properties.hs_sku?.toUpperCase(), quantity: Number(l.properties.quantity), price: Number(l.properties.price) })),
        },
        quickbooks: {
          number: invoice.DocNumber,
          amount: invoice.TotalAmt,
          balance: invoice.Balance,
          lines: invoice.Line.filter((l) => l.DetailType === "SalesItemLineDetail").map((l) => ({ sku: "W-1", quantity: l.SalesItemLineDetail!.Qty, price: l.SalesItemLineDetail!.UnitPrice })),
        },
      });
    }
    expect(sides.map((s) => ({ state: "synced", hubspot: s.quickbooks, quickbooks: s.quickbooks }))).toEqual(sides);
    expect(sides.map((s) => [s.quickbooks.number, s.quickbooks.amount]).sort()).toEqual(orders.map((o) => [o.number, o.quantity * o.price]));

    // Every invoice was synced on its own while the backfill wrote it; each of those syncs waited
    // and found it synced with nothing new (before the fix one wrote into the half-made invoice).
    expect([...contended.keys()].sort()).toEqual(orders.map((o) => `Invoice ${o.number}`));
    const outcomes = await Promise.all(contenders);
    expect(outcomes.map((o) => [o.number, o.outcome.status])).toEqual(outcomes.map((o) => [o.number, "unchanged"]));
  });
});
