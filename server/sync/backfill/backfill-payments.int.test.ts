/**
 * A backfill links an older invoice both sides already had (by number). Where each side had the
 * same payment recorded by hand, the two are paired, not copied: copying each to the other side
 * would pay the invoice twice on both.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "../../db/client";
import { recordLinks } from "../../db/schema";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { createTestDatabase } from "../../testing/database";
import { connectNewOrg, eventually, hubspotAsSomeoneElse, startStack, type Stack } from "../../testing/stack";
import { initialSyncDone } from "../engine/testing";
import { createSyncContext } from "../org-context";
import { createQuickBooksInvoice, hubspotContacts, inQuickBooksPast, quickbooksCustomer, seedHubSpotInvoices, widget } from "./testing";

type QboPayment = { Id: string; SyncToken: string; TotalAmt: number; Line: Array<{ Amount: number; LinkedTxn: Array<{ TxnId: string; TxnType: string }> }> };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

it("pairs the payment each side already had on an invoice it links by number, and copies the one only one side had", { timeout: 300_000 }, async () => {
  const org = await connectNewOrg(stack);
  const ctx = await createSyncContext(db(), org.orgId);
  const someoneElse = await hubspotAsSomeoneElse(stack, org);
  const account = Number(org.hubspotPortalId);
  const itemId = await widget(ctx);
  const email = "paid-twice@older.test";
  const contactIds = await hubspotContacts(someoneElse, [email]);

  // The same two invoices kept by hand on both sides (QuickBooks' made 40 days ago): P-1 paid 40 on
  // each side, P-2 paid 25 in QuickBooks only.
  const quickbooks = await inQuickBooksPast(stack, 40, async () => {
    const customerId = await quickbooksCustomer(ctx, email);
    const made = [];
    for (const number of ["P-1", "P-2"]) made.push(await createQuickBooksInvoice(ctx.quickbooks, { number, date: "2025-03-03", customerId, itemId, quantity: 2, price: 50 }));
    return { customerId, ids: made.map((i) => i.Id) };
  });
  const receive = (invoiceId: string, amount: number) =>
    ctx.quickbooks.create<QboPayment>(
      "Payment",
      { CustomerRef: { value: quickbooks.customerId }, TotalAmt: amount, Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoiceId, TxnType: "Invoice" }] }] },
      `older-payment-${invoiceId}`,
    );
  const qboPaid = await receive(quickbooks.ids[0]!, 40);
  const qboOnly = await receive(quickbooks.ids[1]!, 25);
  const hubspotIds = await seedHubSpotInvoices(
    account,
    someoneElse,
    ["P-1", "P-2"].map((number) => ({ title: number, number, date: "2025-03-03", contactId: contactIds.get(email)!, sku: "W-1", quantity: 2, price: 50, status: "open" as const })),
  );
  await hubspotUi.recordPayment(account, Number(hubspotIds.get("P-1")), { amount: "40", method: "check" });

  await org.caller.filters.createdAfterToday({ object: "invoices" });
  await org.caller.sync.updateSettings({ object: "invoices", enabled: true, direction: "two_way" });
  await initialSyncDone(org.orgId, "invoices", 4);
  await org.caller.backfill.start({ object: "invoices", direction: "to_quickbooks", range: { from: "2025-01-01", to: "2025-06-30" } });
  await eventually(async () => ((await org.caller.backfill.list({ object: "invoices" }))[0]?.state === "finished" ? true : undefined), "the backfill to finish", 120_000);

  const paymentLinks = async () => db().query.recordLinks.findMany({ where: and(eq(recordLinks.orgId, org.orgId), eq(recordLinks.object, "payments")) });
  const settled = await eventually(async () => {
    const rows = await paymentLinks();
    return rows.length === 2 && rows.every((r) => r.state === "synced") ? rows : undefined;
  }, "both invoices' payments to settle", 60_000);

  // P-1: one payment of 40 on each side, linked to each other; P-2: QuickBooks' 25 copied to HubSpot.
  const hubspotPaymentsOf = async (invoiceId: string) => {
    const invoice = await ctx.hubspot.getObject("invoices", invoiceId, ["hs_balance_due"], ["commerce_payments"]);
    const ids = (invoice.associations?.["commerce payments"]?.results ?? []).map((r) => String(r.id));
    const payments = ids.length ? await ctx.hubspot.batchRead("commerce_payments", ids, ["hs_initial_amount"]) : [];
    return { balance: Number(invoice.properties.hs_balance_due), payments: payments.map((p) => [p.id, Number(p.properties.hs_initial_amount)]) };
  };
  const one = await hubspotPaymentsOf(hubspotIds.get("P-1")!);
  const two = await hubspotPaymentsOf(hubspotIds.get("P-2")!);
  expect(one.payments.map(([, amount]) => amount)).toEqual([40]);
  expect(two.payments.map(([, amount]) => amount)).toEqual([25]);
  expect((await ctx.quickbooks.queryAll<QboPayment>("Payment")).map((p) => [p.Id, p.TotalAmt]).sort()).toEqual(
    [
      [qboPaid.Id, 40],
      [qboOnly.Id, 25],
    ].sort(),
  );
  const balances = await Promise.all(quickbooks.ids.map(async (id) => (await ctx.quickbooks.get<{ Id: string; SyncToken: string; Balance: number }>("Invoice", id)).Balance));
  expect(balances).toEqual([60, 75]);
  expect([one.balance, two.balance]).toEqual([60, 75]);
  expect(settled.map((l) => [l.hubspotId, l.quickbooksId]).sort()).toEqual(
    [
      [one.payments[0]![0], `${qboPaid.Id}:${quickbooks.ids[0]}`],
      [two.payments[0]![0], `${qboOnly.Id}:${quickbooks.ids[1]}`],
    ].sort(),
  );
});
