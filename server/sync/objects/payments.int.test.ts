import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { recordLinks } from "../../db/schema";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { connectNewOrg, eventually, startStack, type Stack } from "../../testing/stack";
import { createTestDatabase } from "../../testing/database";
import type { SyncContext } from "../context";
import { createSyncContext } from "../org-context";
import { syncRecord } from "../sync-record";
import { loadObjectEnv } from "../engine/object-env";
import { PAYMENT_FIELDS } from "../engine/payment-fields";
import { finalizedInvoiceFor, hubspotUiContact, orgSyncingInvoices, settledInvoice } from "./invoice-testing";

type Doc = Record<string, unknown> & { Id: string; SyncToken: string };
type QboInvoice = Doc & { CustomerRef: { value: string }; Balance: number; TotalAmt: number };
type QboPayment = Doc & { TotalAmt: number; PrivateNote?: string; Line: Array<{ Amount: number; LinkedTxn: Array<{ TxnId: string; TxnType: string }> }> };
type Org = Awaited<ReturnType<typeof connectNewOrg>>;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

const round2 = (n: number) => Math.round(n * 100) / 100;

async function qboInvoiceFor(ctx: SyncContext, email: string, amounts: number[]): Promise<QboInvoice[]> {
  const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
  const tag = Math.random().toString(36).slice(2, 8);
  const item = await ctx.quickbooks.create<Doc>("Item", { Name: `Service ${tag}`, Type: "Service", IncomeAccountRef: { value: income!.Id } }, `item-${tag}`);
  const customer = await ctx.quickbooks.create<Doc>("Customer", { DisplayName: `Customer ${email}`, PrimaryEmailAddr: { Address: email } }, `customer-${tag}`);
  const invoices: QboInvoice[] = [];
  for (const [n, amount] of amounts.entries()) {
    invoices.push(
      await ctx.quickbooks.create<QboInvoice>(
        "Invoice",
        { CustomerRef: { value: customer.Id }, Line: [{ DetailType: "SalesItemLineDetail", Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount } }] },
        `invoice-${tag}-${n}`,
      ),
    );
  }
  return invoices;
}

/** A QuickBooks user receiving a payment on one or more invoices. */
const receive = (ctx: SyncContext, customerRef: { value: string }, applied: Array<[invoiceId: string, amount: number]>) =>
  ctx.quickbooks.create<QboPayment>(
    "Payment",
    {
      CustomerRef: customerRef,
      TotalAmt: round2(applied.reduce((sum, [, amount]) => sum + amount, 0)),
      Line: applied.map(([invoiceId, amount]) => ({ Amount: amount, LinkedTxn: [{ TxnId: invoiceId, TxnType: "Invoice" }] })),
    },
    `receive-${Math.random()}`,
  );

/** Two QuickBooks invoices (40 and 60) synced to HubSpot, then one payment paying 40 on the first and 25 on the second. */
async function oneQuickBooksPaymentOverTwoInvoices(ctx: SyncContext, orgId: string, email: string) {
  const [first, second] = (await qboInvoiceFor(ctx, email, [40, 60])) as [QboInvoice, QboInvoice];
  const firstLink = await settledInvoice(orgId, "quickbooks", first.Id, "synced", "the first invoice in HubSpot");
  const secondLink = await settledInvoice(orgId, "quickbooks", second.Id, "synced", "the second invoice in HubSpot");
  const payment = await receive(ctx, first.CustomerRef, [
    [first.Id, 40],
    [second.Id, 25],
  ]);
  return { first, second, firstLink, secondLink, payment };
}

async function paymentLinks(orgId: string) {
  return db().query.recordLinks.findMany({ where: and(eq(recordLinks.orgId, orgId), eq(recordLinks.object, "payments")) });
}

/** The HubSpot invoice's payments, as amount and whether they count (succeeded) — by payment id. */
async function hubspotPayments(ctx: SyncContext, invoiceId: string) {
  const invoice = await ctx.hubspot.getObject("invoices", invoiceId, ["hs_balance_due"], ["commerce_payments"]);
  const ids = (invoice.associations?.["commerce payments"]?.results ?? []).map((r) => String(r.id));
  const payments = ids.length ? await ctx.hubspot.batchRead("commerce_payments", ids, ["hs_initial_amount", "hs_latest_status"]) : [];
  // A refunded payment pays nothing, as a voided QuickBooks payment (its amounts zeroed) doesn't.
  return new Map(payments.map((p) => [p.id, p.properties.hs_latest_status === "succeeded" ? { amount: Number(p.properties.hs_initial_amount), status: "paid" } : { amount: 0, status: "voided" }]));
}

/** Each QuickBooks Payment's application to the invoice, as amount and whether it counts — by `<payment>:<invoice>`. */
async function quickbooksApplications(ctx: SyncContext, invoiceId: string) {
  const found = new Map<string, { amount: number; status: string }>();
  for (const payment of await ctx.quickbooks.queryAll<QboPayment>("Payment")) {
    const applies = payment.Line.some((l) => l.LinkedTxn.some((t) => t.TxnId === invoiceId));
    const onlyThis = payment.Line.every((l) => l.LinkedTxn.every((t) => t.TxnId === invoiceId));
    // A payment of this invoice only pays all of it on the invoice, credit left unapplied included.
    const onLines = round2(payment.Line.filter((l) => l.LinkedTxn.some((t) => t.TxnType === "Invoice" && t.TxnId === invoiceId)).reduce((sum, l) => sum + l.Amount, 0));
    const amount = onlyThis && onLines > 0 ? Math.max(onLines, payment.TotalAmt) : onLines;
    if (applies) found.set(`${payment.Id}:${invoiceId}`, { amount, status: amount > 0 ? "paid" : "voided" });
  }
  return found;
}

/**
 * Both sides of an invoice and its payments, compared field by field: every payment link pairs a
 * HubSpot payment with a QuickBooks application of the same amount and state, hanging off the
 * invoice's link, and the two invoices show the same balance and status.
 */
async function bothSides(ctx: SyncContext, orgId: string, invoice: { id: string; hubspotId: string | null; quickbooksId: string | null }) {
  const [hubspot, quickbooks, links] = [await hubspotPayments(ctx, invoice.hubspotId!), await quickbooksApplications(ctx, invoice.quickbooksId!), await paymentLinks(orgId)];
  const ofInvoice = links.filter((l) => l.parentLinkId === invoice.id);
  const pairs = ofInvoice.map((l) => ({ state: l.state, hubspot: hubspot.get(l.hubspotId!) ?? null, quickbooks: quickbooks.get(l.quickbooksId!) ?? null }));
  const hs = await ctx.hubspot.getObject("invoices", invoice.hubspotId!, ["hs_balance_due", "hs_invoice_status"]);
  const qb = await ctx.quickbooks.get<QboInvoice>("Invoice", invoice.quickbooksId!);
  return {
    pairs,
    unlinked: { hubspot: [...hubspot.keys()].filter((id) => !ofInvoice.some((l) => l.hubspotId === id)), quickbooks: [...quickbooks.keys()].filter((id) => !ofInvoice.some((l) => l.quickbooksId === id)) },
    hubspot: { balance: Number(hs.properties.hs_balance_due), paid: hs.properties.hs_invoice_status === "paid" },
    quickbooks: { balance: qb.Balance, paid: qb.Balance === 0 },
  };
}

/** Waits for the invoice's sides to show `balance` with every payment paired, then checks them field by field. */
async function expectInStep(ctx: SyncContext, orgId: string, invoice: { id: string; hubspotId: string | null; quickbooksId: string | null }, balance: number, payments: Array<{ amount: number; status: string }>) {
  const sides = await eventually(async () => {
    const found = await bothSides(ctx, orgId, invoice);
    const settled = found.pairs.length === payments.length && found.pairs.every((p) => p.state === "synced" && p.hubspot?.status === p.quickbooks?.status);
    return settled && found.hubspot.balance === balance && found.quickbooks.balance === balance ? found : undefined;
  }, `both sides at ${balance} with ${payments.length} payment(s)`, 30_000);
  for (const pair of sides.pairs) expect(pair.hubspot).toEqual(pair.quickbooks);
  const sort = (list: Array<{ amount: number; status: string }>) => [...list].sort((a, b) => a.amount - b.amount || a.status.localeCompare(b.status));
  expect(sort(sides.pairs.map((p) => p.hubspot!))).toEqual(sort(payments));
  expect(sides.unlinked).toEqual({ hubspot: [], quickbooks: [] });
  expect(sides.hubspot).toEqual(sides.quickbooks);
  return sides;
}

describe("payments as records of their own, both ways", () => {
  let org: Org;
  let ctx: SyncContext;
  let account: number;
  beforeAll(async () => {
    org = await connectNewOrg(stack);
    ctx = await createSyncContext(db(), org.orgId);
    account = Number(org.hubspotPortalId);
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
  });

  it("copies a partial payment each way, one link per payment hanging off the invoice's, and the overview counts them", async () => {
    const hubspotId = await finalizedInvoiceFor(org, await hubspotUiContact(org, "partial@example.test"), [{ name: "Consulting", price: "100", quantity: "1" }]);
    const invoice = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks");

    await hubspotUi.recordPayment(account, Number(hubspotId), { amount: "30", method: "card" });
    await expectInStep(ctx, org.orgId, invoice, 70, [{ amount: 30, status: "paid" }]);

    const qbo = await ctx.quickbooks.get<QboInvoice>("Invoice", invoice.quickbooksId!);
    const payment = await receive(ctx, qbo.CustomerRef, [[qbo.Id, 20]]);
    const sides = await expectInStep(ctx, org.orgId, invoice, 50, [
      { amount: 20, status: "paid" },
      { amount: 30, status: "paid" },
    ]);
    expect(sides.hubspot).toEqual({ balance: 50, paid: false });
    // The QuickBooks payment's link is its application to this invoice.
    expect((await paymentLinks(org.orgId)).map((l) => l.quickbooksId)).toContain(`${payment.Id}:${qbo.Id}`);
    const overview = await org.caller.sync.overview();
    expect(overview.find((o) => o.object === "payments")?.counts.synced).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it("applies one QuickBooks payment over two invoices as two HubSpot payments, and both balances agree", async () => {
    const { first, second, firstLink, secondLink, payment } = await oneQuickBooksPaymentOverTwoInvoices(ctx, org.orgId, "two-invoices@example.test");
    const one = await expectInStep(ctx, org.orgId, firstLink, 0, [{ amount: 40, status: "paid" }]);
    const two = await expectInStep(ctx, org.orgId, secondLink, 35, [{ amount: 25, status: "paid" }]);
    expect([one.hubspot, two.hubspot]).toEqual([
      { balance: 0, paid: true },
      { balance: 35, paid: false },
    ]);
    const links = (await paymentLinks(org.orgId)).filter((l) => l.quickbooksId?.startsWith(`${payment.Id}:`));
    expect(links.map((l) => [l.quickbooksId, l.parentLinkId]).sort()).toEqual(
      [
        [`${payment.Id}:${first.Id}`, firstLink.id],
        [`${payment.Id}:${second.Id}`, secondLink.id],
      ].sort(),
    );
  }, 90_000);

  it("keeps a payment made on each side of one invoice at the same time: the balance is the total less both", async () => {
    const [qbo] = await qboInvoiceFor(ctx, "both-sides@example.test", [100]);
    const invoice = await settledInvoice(org.orgId, "quickbooks", qbo!.Id, "synced", "the invoice in HubSpot");
    // The race the balance field lost (chaos CHAOS_SEED=2): while Tandem copies the QuickBooks
    // payment to HubSpot, right after it read the HubSpot invoice, a HubSpot user records a payment.
    const latencyMs = 1_000;
    await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, { latencyMs });
    let paidInHubSpot: Promise<unknown> | undefined;
    const listener = (prefix: string, request: Request) => {
      const path = new URL(request.url).pathname;
      if (paidInHubSpot || prefix !== "/sandbox/hubspot/api" || request.method !== "GET" || !path.endsWith(`/crm/v3/objects/invoices/${invoice.hubspotId}`)) return;
      paidInHubSpot = new Promise((r) => setTimeout(r, latencyMs + 200)).then(() => hubspotUi.recordPayment(account, Number(invoice.hubspotId), { amount: "30", method: "card" }));
    };
    stack.requestListeners.add(listener);
    try {
      await receive(ctx, qbo!.CustomerRef, [[qbo!.Id, 20]]);
      await eventually(async () => paidInHubSpot, "Tandem to read the HubSpot invoice");
      await paidInHubSpot;
      await expectInStep(ctx, org.orgId, invoice, 50, [
        { amount: 20, status: "paid" },
        { amount: 30, status: "paid" },
      ]);
    } finally {
      stack.requestListeners.delete(listener);
      await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, {});
    }
  }, 120_000);

  it("follows a voided QuickBooks payment and a refunded HubSpot payment on the other side", async () => {
    const [qbo] = await qboInvoiceFor(ctx, "voids@example.test", [90]);
    const invoice = await settledInvoice(org.orgId, "quickbooks", qbo!.Id, "synced", "the invoice in HubSpot");
    const payment = await receive(ctx, qbo!.CustomerRef, [[qbo!.Id, 40]]);
    await hubspotUi.recordPayment(account, Number(invoice.hubspotId), { amount: "50", method: "card" });
    await expectInStep(ctx, org.orgId, invoice, 0, [
      { amount: 40, status: "paid" },
      { amount: 50, status: "paid" },
    ]);

    const current = await ctx.quickbooks.get<QboPayment>("Payment", payment.Id);
    await ctx.quickbooks.void("Payment", { Id: current.Id, SyncToken: current.SyncToken }, `void-${payment.Id}`);
    // Voided in QuickBooks: its application pays nothing; the HubSpot copy is refunded.
    await expectInStep(ctx, org.orgId, invoice, 40, [
      { amount: 0, status: "voided" },
      { amount: 50, status: "paid" },
    ]);
    const refunded = [...(await hubspotPayments(ctx, invoice.hubspotId!))].find(([, p]) => p.status === "paid")![0];
    await hubspotUi.refundPayment(account, Number(refunded));
    // Refunded in HubSpot: the QuickBooks copy is voided.
    await expectInStep(ctx, org.orgId, invoice, 90, [
      { amount: 0, status: "voided" },
      { amount: 0, status: "voided" },
    ]);
    const voided = (await ctx.quickbooks.queryAll<QboPayment>("Payment")).filter((p) => p.Line.some((l) => l.LinkedTxn.some((t) => t.TxnId === qbo!.Id)));
    expect(voided.map((p) => [p.TotalAmt, p.PrivateNote?.startsWith("Voided")])).toEqual([
      [0, true],
      [0, true],
    ]);
  }, 120_000);
});

describe("overpayments and payments on several HubSpot invoices", () => {
  let org: Org;
  let ctx: SyncContext;
  beforeAll(async () => {
    ({ org, ctx } = await orgSyncingInvoices(stack));
  });

  it("carries an overpayment each way: QuickBooks keeps the rest as the customer's credit, HubSpot shows a negative balance due", async () => {
    const hubspotId = await finalizedInvoiceFor(org, await hubspotUiContact(org, "overpays@example.test"), [{ name: "Audit", price: "100", quantity: "1" }]);
    const fromHubSpot = await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the HubSpot invoice in QuickBooks");
    await hubspotUi.recordPayment(Number(org.hubspotPortalId), Number(hubspotId), { amount: "120", method: "check" });

    const [qbo] = await qboInvoiceFor(ctx, "overpays-in-quickbooks@example.test", [50]);
    const fromQuickBooks = await settledInvoice(org.orgId, "quickbooks", qbo!.Id, "synced", "the QuickBooks invoice in HubSpot");
    await ctx.quickbooks.create<QboPayment>(
      "Payment",
      { CustomerRef: qbo!.CustomerRef, TotalAmt: 70, Line: [{ Amount: 50, LinkedTxn: [{ TxnId: qbo!.Id, TxnType: "Invoice" }] }] },
      "overpay-in-quickbooks",
    );

    for (const [invoice, paid, credit] of [
      [fromHubSpot, 120, 20],
      [fromQuickBooks, 70, 20],
    ] as const) {
      const sides = await eventually(async () => {
        const found = await bothSides(ctx, org.orgId, invoice);
        return found.pairs.length === 1 && found.pairs[0]!.state === "synced" && found.pairs[0]!.hubspot && found.pairs[0]!.quickbooks ? found : undefined;
      }, `the overpayment of ${paid} on both sides`);
      expect(sides.pairs[0]).toEqual({ state: "synced", hubspot: { amount: paid, status: "paid" }, quickbooks: { amount: paid, status: "paid" } });
      expect(sides.hubspot).toEqual({ balance: -credit, paid: true });
      expect(sides.quickbooks).toEqual({ balance: 0, paid: true });
      const [payment] = (await ctx.quickbooks.queryAll<QboPayment & { UnappliedAmt: number }>("Payment")).filter((p) => p.Line.some((l) => l.LinkedTxn.some((t) => t.TxnId === invoice.quickbooksId)));
      expect([payment!.TotalAmt, payment!.UnappliedAmt]).toEqual([paid, credit]);
    }
  }, 90_000);

  it("refuses a HubSpot payment put on two invoices with what to do, and copies the same payment on one invoice", async () => {
    const contact = await hubspotUiContact(org, "one-payment-two-invoices@example.test");
    const [first, second] = [
      await finalizedInvoiceFor(org, contact, [{ name: "Design", price: "80", quantity: "1" }]),
      await finalizedInvoiceFor(org, contact, [{ name: "Build", price: "90", quantity: "1" }]),
    ];
    const [firstLink] = [await settledInvoice(org.orgId, "hubspot", first, "synced", "the first invoice in QuickBooks"), await settledInvoice(org.orgId, "hubspot", second, "synced", "the second invoice in QuickBooks")];
    const toInvoice = (id: string) => ({ to: { id }, types: [{ associationCategory: "HUBSPOT_DEFINED" as const, associationTypeId: 542 }] });
    const paymentProperties = { hs_initial_amount: "50", hs_initiated_date: new Date().toISOString(), hs_latest_status: "succeeded", hs_payment_method_type: "other" };
    // Made by another integration (Tandem's own writes raise no webhook here): synced as its webhooks would.
    const onBoth = await ctx.hubspot.createObject("commerce_payments", paymentProperties, [toInvoice(first), toInvoice(second)]);
    const onOne = await ctx.hubspot.createObject("commerce_payments", paymentProperties, [toInvoice(first)]);
    expect(await syncRecord(db(), { orgId: org.orgId, object: "payments", side: "hubspot", recordId: onBoth.id })).toMatchObject({ status: "failed", code: "VALIDATION_FAILED" });
    expect(await syncRecord(db(), { orgId: org.orgId, object: "payments", side: "hubspot", recordId: onOne.id })).toMatchObject({ status: "created" });

    const links = await paymentLinks(org.orgId);
    const refused = links.find((l) => l.hubspotId === onBoth.id)!;
    expect([refused.state, refused.quickbooksId]).toEqual(["failed", null]);
    expect(refused.errorDetail).toMatch(/on 2 HubSpot invoices.*record one payment per invoice/);
    const copied = links.find((l) => l.hubspotId === onOne.id)!;
    expect([copied.state, copied.parentLinkId]).toEqual(["synced", firstLink.id]);
    const applications = await quickbooksApplications(ctx, firstLink.quickbooksId!);
    expect(applications.get(copied.quickbooksId!)).toEqual({ amount: 50, status: "paid" });
    expect(applications.size).toBe(1);
  }, 90_000);
});

describe("a payment mapping of the user's own", () => {
  it("carries the reference number both ways, on create and on later edits", async () => {
    const org = await connectNewOrg(stack);
    const ctx = await createSyncContext(db(), org.orgId);
    await org.caller.mappings.create({ object: "payments", hubspotProperty: "hs_reference_number", quickbooksPath: "PaymentRefNum" });
    await org.caller.sync.updateSettings({ object: "invoices", enabled: true });
    const [qbo] = await qboInvoiceFor(ctx, "reference@example.test", [90]);
    const invoice = await settledInvoice(org.orgId, "quickbooks", qbo!.Id, "synced", "the invoice in HubSpot");
    const received = await ctx.quickbooks.create<QboPayment>(
      "Payment",
      { CustomerRef: qbo!.CustomerRef, TotalAmt: 40, PaymentRefNum: "CHK-1001", Line: [{ Amount: 40, LinkedTxn: [{ TxnId: qbo!.Id, TxnType: "Invoice" }] }] },
      "reference-receive",
    );
    await expectInStep(ctx, org.orgId, invoice, 50, [{ amount: 40, status: "paid" }]);
    const link = (await paymentLinks(org.orgId))[0]!;
    const reference = async () => (await ctx.hubspot.getObject("commerce_payments", link.hubspotId!, ["hs_reference_number"])).properties.hs_reference_number;
    expect(await reference()).toBe("CHK-1001");

    // Corrected in QuickBooks: HubSpot follows, the amount untouched.
    const current = await ctx.quickbooks.get<QboPayment>("Payment", received.Id);
    await ctx.quickbooks.update("Payment", { Id: current.Id, SyncToken: current.SyncToken, PaymentRefNum: "CHK-1002" }, "reference-fix");
    await eventually(async () => (await reference()) === "CHK-1002", "the corrected reference in HubSpot");

    // Changed in HubSpot (by another integration: synced as its webhook would): QuickBooks follows.
    await ctx.hubspot.updateObject("commerce_payments", link.hubspotId!, { hs_reference_number: "WIRE-7" });
    await syncRecord(db(), { orgId: org.orgId, object: "payments", side: "hubspot", recordId: link.hubspotId! });
    const after = await ctx.quickbooks.get<QboPayment & { PaymentRefNum?: string }>("Payment", received.Id);
    expect([after.PaymentRefNum, after.TotalAmt]).toEqual(["WIRE-7", 40]);
    await expectInStep(ctx, org.orgId, invoice, 50, [{ amount: 40, status: "paid" }]);
  }, 90_000);
});

describe("a QuickBooks payment taken off an invoice", () => {
  it("is noticed without its webhook, by the poll and by reconciliation, and the invoice's HubSpot payment is refunded", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack);
    const { first, second, firstLink, secondLink, payment } = await oneQuickBooksPaymentOverTwoInvoices(ctx, org.orgId, "taken-off@example.test");
    await expectInStep(ctx, org.orgId, secondLink, 35, [{ amount: 25, status: "paid" }]);

    // Intuit's webhook for the edit never comes: the user corrects the payment to pay the first invoice only.
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDropRate: 1 } });
    const editedAt = new Date(Date.now() - 1_000);
    const current = await ctx.quickbooks.get<QboPayment>("Payment", payment.Id);
    await ctx.quickbooks.update("Payment", { Id: current.Id, SyncToken: current.SyncToken, TotalAmt: 40, Line: current.Line.filter((l) => l.LinkedTxn.some((t) => t.TxnId === first.Id)) }, "take-off");

    // What reconciliation reads: the application taken off, as paying nothing.
    const env = await loadObjectEnv(db(), org.orgId, "payments");
    const changed = await env.adapters.quickbooks.changedSince(editedAt);
    expect(changed.records.map((r) => [r.id, r.fields[PAYMENT_FIELDS.amount], r.fields[PAYMENT_FIELDS.status]]).sort()).toEqual(
      [
        [`${payment.Id}:${first.Id}`, 40, "paid"],
        [`${payment.Id}:${second.Id}`, 0, "voided"],
      ].sort(),
    );

    // The poll brings it to HubSpot: the second invoice's payment is refunded, the first's stays.
    const unpaid = await eventually(async () => {
      const found = await bothSides(ctx, org.orgId, secondLink);
      return found.pairs[0]?.hubspot?.status === "voided" && found.hubspot.balance === 60 && found.quickbooks.balance === 60 ? found : undefined;
    }, "the second invoice unpaid on both sides");
    expect(unpaid.pairs).toEqual([{ state: "synced", hubspot: { amount: 0, status: "voided" }, quickbooks: null }]);
    expect(unpaid.hubspot).toEqual(unpaid.quickbooks);
    await expectInStep(ctx, org.orgId, firstLink, 0, [{ amount: 40, status: "paid" }]);
  }, 90_000);
});

describe("payments and the invoice direction", () => {
  it("syncs no payment with QuickBooks → HubSpot only; made two-way, brings over the earlier payments and the later ones", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack, "to_hubspot");
    const [qbo] = await qboInvoiceFor(ctx, "inbound-only@example.test", [80]);
    const invoice = await settledInvoice(org.orgId, "quickbooks", qbo!.Id, "synced", "the invoice in HubSpot");
    // Received two hours ago: older than any poll or reconciliation pass looks back.
    await stack.quickbooksAdmin("POST", "/clock", { shiftMs: -2 * 3600_000 });
    const early = await receive(ctx, qbo!.CustomerRef, [[qbo!.Id, 30]]).finally(() => stack.quickbooksAdmin("POST", "/clock", { reset: true }));
    const current = await ctx.quickbooks.get<QboInvoice>("Invoice", qbo!.Id);
    await ctx.quickbooks.update("Invoice", { Id: current.Id, SyncToken: current.SyncToken, CustomerMemo: { value: "Thanks!" } }, "memo-edit");
    // The later memo edit arrives; the payment made before it doesn't, nor is it linked.
    await eventually(async () => (await ctx.hubspot.getObject("invoices", invoice.hubspotId!, ["hs_comments"])).properties.hs_comments === "Thanks!", "the memo edit in HubSpot");
    await syncRecord(db(), { orgId: org.orgId, object: "payments", side: "quickbooks", recordId: early.Id });
    expect([...(await hubspotPayments(ctx, invoice.hubspotId!)).values()]).toEqual([]);
    expect(await paymentLinks(org.orgId)).toEqual([]);
    expect((await org.caller.sync.overview()).find((o) => o.object === "payments")?.enabled).toBe(false);

    // Two-way: the payment made while payments were off comes across, and so does a later one;
    // the balances agree.
    await org.caller.sync.updateSettings({ object: "invoices", direction: "two_way" });
    expect((await org.caller.sync.overview()).find((o) => o.object === "payments")?.enabled).toBe(true);
    const later = await receive(ctx, qbo!.CustomerRef, [[qbo!.Id, 20]]);
    await expectInStep(ctx, org.orgId, invoice, 30, [
      { amount: 30, status: "paid" },
      { amount: 20, status: "paid" },
    ]);
    expect((await paymentLinks(org.orgId)).map((l) => l.quickbooksId).sort()).toEqual([`${early.Id}:${qbo!.Id}`, `${later.Id}:${qbo!.Id}`].sort());
  }, 90_000);
});

describe("duplicated notifications", () => {
  it("creates each payment's copy once, whatever number of notifications and syncs run for it at once", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack);
    const [qbo] = await qboInvoiceFor(ctx, "duplicates@example.test", [100]);
    const invoice = await settledInvoice(org.orgId, "quickbooks", qbo!.Id, "synced", "the invoice in HubSpot");
    // Every webhook is delivered twice by both providers.
    await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, { webhookDuplicateRate: 1 });
    await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: { webhookDuplicateRate: 1 } });
    try {
      const payment = await receive(ctx, qbo!.CustomerRef, [[qbo!.Id, 25]]);
      const hubspotPayment = await hubspotUi.recordPayment(Number(org.hubspotPortalId), Number(invoice.hubspotId), { amount: "35", method: "card" });
      // And more notifications, as from the poll and reconciliation, all at once.
      const change = (side: "hubspot" | "quickbooks", recordId: string) => syncRecord(db(), { orgId: org.orgId, object: "payments", side, recordId });
      await Promise.all([1, 2, 3].flatMap(() => [change("quickbooks", payment.Id), change("hubspot", String(hubspotPayment.id))]));
      await expectInStep(ctx, org.orgId, invoice, 40, [
        { amount: 25, status: "paid" },
        { amount: 35, status: "paid" },
      ]);
      expect((await ctx.quickbooks.queryAll<QboPayment>("Payment")).filter((p) => p.Line.some((l) => l.LinkedTxn.some((t) => t.TxnId === qbo!.Id)))).toHaveLength(2);
    } finally {
      await stack.hubspotAdmin("PUT", `/accounts/${org.hubspotPortalId}/faults`, {});
      await stack.quickbooksAdmin("POST", `/companies/${org.realmId}/settings`, { faults: {} });
    }
  }, 90_000);
});
