import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as hubspotUi from "../../sandbox/hubspot/ui/service";
import { eventually, startStack, type Stack } from "../../testing/stack";
import { createTestDatabase } from "../../testing/database";
import type { SyncContext } from "../context";
import { finalizedInvoiceFor, hubspotUiContact, orgSyncingInvoices, settledInvoice } from "./invoice-testing";

/**
 * Fixed outcomes of invoice and payment flows through both sandboxes over HTTP, each side compared
 * field by field afterwards: payments both ways while invoices go HubSpot → QuickBooks only, and
 * QuickBooks edits (a line removed, a void) of a QuickBooks invoice reaching HubSpot.
 */
type Doc = Record<string, unknown> & { Id: string; SyncToken: string };
type QboLine = { DetailType?: string; Amount: number; Description?: string; SalesItemLineDetail?: { ItemRef: { value: string }; Qty: number; UnitPrice: number } };
type QboInvoice = Doc & { Line: QboLine[]; CustomerRef: { value: string }; Balance: number; TotalAmt: number; PrivateNote?: string };
type QboPayment = Doc & { TotalAmt: number; Line: Array<{ Amount: number; LinkedTxn: Array<{ TxnId: string; TxnType: string }> }> };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(await createTestDatabase());
}, 120_000);
afterAll(() => stack?.stop());

const byAmount = (a: number, b: number) => a - b;

/** The succeeded HubSpot payments of the invoice, by amount. */
async function hubspotPayments(ctx: SyncContext, invoiceId: string): Promise<number[]> {
  const invoice = await ctx.hubspot.getObject("invoices", invoiceId, ["hs_invoice_status"], ["commerce_payments"]);
  const ids = (invoice.associations?.["commerce payments"]?.results ?? []).map((r) => String(r.id));
  const payments = ids.length ? await ctx.hubspot.batchRead("commerce_payments", ids, ["hs_initial_amount", "hs_latest_status"]) : [];
  return payments.filter((p) => p.properties.hs_latest_status === "succeeded").map((p) => Number(p.properties.hs_initial_amount)).sort(byAmount);
}

/** What the QuickBooks payments apply to the invoice, by amount. */
async function quickbooksPayments(ctx: SyncContext, invoiceId: string): Promise<number[]> {
  const payments = await ctx.quickbooks.queryAll<QboPayment>("Payment");
  return payments
    .flatMap((p) => p.Line.filter((l) => l.LinkedTxn.some((t) => t.TxnType === "Invoice" && t.TxnId === invoiceId)).map((l) => l.Amount))
    .sort(byAmount);
}

const hubspotInvoice = (ctx: SyncContext, id: string) =>
  ctx.hubspot.getObject("invoices", id, ["hs_invoice_status", "hs_amount_billed", "hs_amount_paid", "hs_balance_due"], ["line_items"]);

describe("payments while invoices sync HubSpot → QuickBooks only", () => {
  it("records a HubSpot payment in QuickBooks and a QuickBooks payment in HubSpot, and both sides end paid with the same payments", async () => {
    const { org, ctx } = await orgSyncingInvoices(stack, "to_quickbooks");
    expect((await org.caller.sync.overview()).find((o) => o.object === "payments")).toMatchObject({ enabled: true, direction: "two_way" });
    const hubspotId = await finalizedInvoiceFor(org, await hubspotUiContact(org, "one-way-pay@example.test"), [{ name: "Consulting", price: "100", quantity: "1" }]);
    const qboId = (await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice in QuickBooks")).quickbooksId!;

    await hubspotUi.recordPayment(Number(org.hubspotPortalId), Number(hubspotId), { amount: "30", method: "card" });
    await eventually(async () => (await ctx.quickbooks.get<QboInvoice>("Invoice", qboId)).Balance === 70, "the HubSpot payment in QuickBooks");
    expect(await quickbooksPayments(ctx, qboId)).toEqual([30]);
    expect((await hubspotInvoice(ctx, hubspotId)).properties).toMatchObject({ hs_invoice_status: "open", hs_balance_due: "70" });

    const invoice = await ctx.quickbooks.get<QboInvoice>("Invoice", qboId);
    await ctx.quickbooks.create<Doc>("Payment", { CustomerRef: invoice.CustomerRef, TotalAmt: 70, Line: [{ Amount: 70, LinkedTxn: [{ TxnId: qboId, TxnType: "Invoice" }] }] }, "qbo-pays-rest");
    const paid = await eventually(async () => {
      const hs = await hubspotInvoice(ctx, hubspotId);
      return hs.properties.hs_invoice_status === "paid" ? hs : undefined;
    }, "the QuickBooks payment in HubSpot");
    expect(await hubspotPayments(ctx, hubspotId)).toEqual([30, 70]);
    expect(await quickbooksPayments(ctx, qboId)).toEqual([30, 70]);
    const qbo = await ctx.quickbooks.get<QboInvoice>("Invoice", qboId);
    expect([qbo.TotalAmt, qbo.Balance]).toEqual([Number(paid.properties.hs_amount_billed), Number(paid.properties.hs_balance_due)]);
    expect(paid.properties).toMatchObject({ hs_amount_billed: "100", hs_amount_paid: "100", hs_balance_due: "0" });
    await settledInvoice(org.orgId, "hubspot", hubspotId, "synced", "the invoice still synced");
  }, 60_000);
});

describe("a QuickBooks invoice edited in QuickBooks", () => {
  let ctx: SyncContext;
  let qboId: string;
  let hubspotId: string;
  let itemId: string;
  const line = (description: string, qty: number, price: number) => ({
    DetailType: "SalesItemLineDetail",
    Amount: qty * price,
    Description: description,
    SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: qty, UnitPrice: price },
  });

  /** HubSpot's line items of the invoice, in order. */
  async function hubspotLines(): Promise<Array<[string, number, number, number]>> {
    const ids = ((await hubspotInvoice(ctx, hubspotId)).associations?.["line items"]?.results ?? []).map((r) => String(r.id));
    const items = await ctx.hubspot.batchRead("line_items", ids, ["name", "quantity", "price", "amount"]);
    return items.sort((a, b) => Number(a.id) - Number(b.id)).map((i) => [i.properties.name!, Number(i.properties.quantity), Number(i.properties.price), Number(i.properties.amount)]);
  }

  const quickbooksLines = (invoice: QboInvoice): Array<[string, number, number, number]> =>
    invoice.Line.filter((l) => l.DetailType === "SalesItemLineDetail").map((l) => [l.Description!, l.SalesItemLineDetail!.Qty, l.SalesItemLineDetail!.UnitPrice, l.Amount]);

  beforeAll(async () => {
    const syncing = await orgSyncingInvoices(stack);
    ctx = syncing.ctx;
    const [income] = await ctx.quickbooks.queryAll<{ Id: string }>("Account", "AccountType = 'Income'");
    itemId = (await ctx.quickbooks.create<Doc>("Item", { Name: "Hours", Type: "Service", IncomeAccountRef: { value: income!.Id } }, "hours")).Id;
    const customer = await ctx.quickbooks.create<Doc>("Customer", { DisplayName: "Edit Works", PrimaryEmailAddr: { Address: "edits@example.test" } }, "edit-works");
    qboId = (await ctx.quickbooks.create<QboInvoice>("Invoice", { CustomerRef: { value: customer.Id }, Line: [line("Design", 2, 50), line("Build", 3, 40), line("Test", 1, 30)] }, "three-lines")).Id;
    hubspotId = (await settledInvoice(syncing.org.orgId, "quickbooks", qboId, "synced", "the QuickBooks invoice in HubSpot")).hubspotId!;
  });

  it("removes in HubSpot the line removed in QuickBooks, and the amounts agree", async () => {
    expect(await hubspotLines()).toEqual(quickbooksLines(await ctx.quickbooks.get<QboInvoice>("Invoice", qboId)));
    const current = await ctx.quickbooks.get<QboInvoice>("Invoice", qboId);
    await ctx.quickbooks.update("Invoice", { Id: qboId, SyncToken: current.SyncToken, Line: current.Line.filter((l) => l.Description !== "Build") }, "remove-build");
    const expected = [
      ["Design", 2, 50, 100],
      ["Test", 1, 30, 30],
    ];
    // HubSpot's lines are replaced one call at a time: the end state is what counts.
    await eventually(async () => JSON.stringify(await hubspotLines()) === JSON.stringify(expected), "the removed line gone from HubSpot");
    const qbo = await ctx.quickbooks.get<QboInvoice>("Invoice", qboId);
    expect(quickbooksLines(qbo)).toEqual(expected);
    expect(await hubspotLines()).toEqual(quickbooksLines(qbo));
    const hs = await hubspotInvoice(ctx, hubspotId);
    expect([qbo.TotalAmt, qbo.Balance]).toEqual([130, 130]);
    expect([Number(hs.properties.hs_amount_billed), Number(hs.properties.hs_balance_due)]).toEqual([qbo.TotalAmt, qbo.Balance]);
    expect(hs.properties.hs_invoice_status).toBe("open");
  });

  it("voids the HubSpot invoice when the QuickBooks invoice is voided", async () => {
    const linesBefore = await hubspotLines();
    const current = await ctx.quickbooks.get<QboInvoice>("Invoice", qboId);
    await ctx.quickbooks.void("Invoice", { Id: qboId, SyncToken: current.SyncToken }, "void-edited");
    const voided = await eventually(async () => {
      const hs = await hubspotInvoice(ctx, hubspotId);
      return hs.properties.hs_invoice_status === "voided" ? hs : undefined;
    }, "the void in HubSpot");
    const qbo = await ctx.quickbooks.get<QboInvoice>("Invoice", qboId);
    expect(qbo).toMatchObject({ TotalAmt: 0, Balance: 0, PrivateNote: expect.stringMatching(/^Voided/) });
    // Nothing is owed on either side: QuickBooks zeroes a voided invoice, HubSpot's voided status
    // makes it uncollectible (its balance-due property keeps the amount it had).
    const owedInHubSpot = voided.properties.hs_invoice_status === "voided" ? 0 : Number(voided.properties.hs_balance_due);
    expect(owedInHubSpot).toBe(qbo.Balance);
    expect(voided.properties).toMatchObject({ hs_amount_billed: "130", hs_amount_paid: "0" });
    // HubSpot keeps a voided invoice's lines: QuickBooks' zeroed ones are no edit to copy.
    expect(await hubspotLines()).toEqual(linesBefore);
    expect(await hubspotPayments(ctx, hubspotId)).toEqual(await quickbooksPayments(ctx, qboId));
  });
});
